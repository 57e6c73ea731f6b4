import { installServers } from '../stack.js';
import { installChromium } from '../components/chromium.js';
import { installSchemathesis } from '../components/schemathesis.js';
import { installTimeSkippingServer } from '../components/time-skipping-server.js';
import { log } from '../install-cache.js';
import { runTool } from './run-tool.js';

/** ESLint (with the import-boundary rules), then prettier's check of formatting. */
export async function runLint(): Promise<number> {
  const eslint = await runTool('eslint', ['--max-warnings=0', '.']);
  return eslint !== 0 ? eslint : runTool('prettier', ['--check', '--log-level=warn', '.']);
}
export const runTypecheck = (): Promise<number> => runTool('tsc', ['-b', '--pretty']);
export const runExec = ([command, ...args]: string[]): Promise<number> =>
  command === undefined
    ? Promise.reject(new Error('exec needs a command'))
    : runTool(command, args);

const projects = ['unit', 'int', 'e2e'] as const;

/**
 * `npm test`: everything CI checks, in the order that fails fastest. The servers are installed
 * up front so the first test file does not pay for a cold download inside its time limit.
 */
export async function runTests([which = 'all', ...vitestArgs]: string[]): Promise<number> {
  const selected = which === 'all' ? [...projects] : projects.filter((p) => p === which);
  if (selected.length === 0)
    throw new Error(`unknown test set "${which}"; use all, unit, int or e2e`);
  if (selected.some((p) => p !== 'unit')) {
    log(
      'making sure PostgreSQL, Kafka, Temporal, Jaeger, the OpenAPI fuzzer and Chromium are installed',
    );
    await Promise.all([
      installServers(),
      installTimeSkippingServer(),
      installSchemathesis(),
      installChromium(),
    ]);
  }
  if (which === 'all') {
    for (const [name, check] of [
      ['lint', runLint],
      ['typecheck', runTypecheck],
    ] as const) {
      log(`${name}...`);
      const code = await check();
      if (code !== 0) {
        log(`${name} failed`);
        return code;
      }
    }
  }
  const projectArgs = selected.flatMap((p) => ['--project', p]);
  return runTool('vitest', ['run', ...projectArgs, ...vitestArgs]);
}
