import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import { runTool } from './run-tool.js';

/** `npm run bench -- <name>` runs bench/<name>.bench.ts, which writes bench/results/<name>.json. */
export async function runBench([name, ...args]: string[]): Promise<number> {
  const script = name === undefined ? undefined : join(repoRoot, 'bench', `${name}.bench.ts`);
  if (script === undefined || !existsSync(script)) {
    throw new Error(`bench needs the name of a script in bench/ (bench/<name>.bench.ts)`);
  }
  return runTool('tsx', [script, ...args]);
}
