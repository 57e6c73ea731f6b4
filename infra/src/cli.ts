/**
 * The project's command line, behind `npm start`, `npm test` and `npm run stack`
 * (infra/bin/ladder first makes sure Node 24, pnpm and the dependencies are there).
 */
import { runBench } from './commands/bench.js';
import { runRelease } from './commands/release.js';
import { runStack } from './commands/stack.js';
import { runStart } from './commands/start.js';
import { runLint, runTests, runTypecheck, runExec } from './commands/checks.js';

const usage = `usage: ladder <command>
  start                       run the whole system with demo data (Ctrl-C stops it)
  test [all|unit|int|e2e]     install what is missing, then lint, typecheck and run the tests
  stack up|down|status|logs   manage the local PostgreSQL, Kafka and Temporal by hand
  lint | typecheck            one check on its own
  bench <name>                run a benchmark from bench/
  exec <command...>           run a workspace tool with the project's Node
  release <app-dir> <out-dir> one deployable as compiled JavaScript with production dependencies`;

const [command, ...args] = process.argv.slice(2);

const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: runStart,
  test: runTests,
  stack: runStack,
  lint: runLint,
  typecheck: runTypecheck,
  bench: runBench,
  exec: runExec,
  release: runRelease,
};

const run = command === undefined ? undefined : commands[command];
if (run === undefined) {
  process.stderr.write(`${usage}\n`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await run(args);
  } catch (error) {
    process.stderr.write(`[ladder] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
