import { spawn } from 'node:child_process';
import { repoRoot } from '../paths.js';

/** Runs a workspace binary (eslint, tsc, vitest...) in the foreground and resolves to its exit code. */
export function runTool(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['exec', command, ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
