import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, freePort, type TestDatabase } from '@ladder/testing';
import { workerProcessEnv } from './support/worker-process-env.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.ts` source (not a declaration) below a folder: a release must hold none. */
function typeScriptSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
  );
}

/**
 * `ladder release workflows <dir>` is what the production image runs: this starts the result as
 * the image would (compiled JavaScript, production dependencies, the prebuilt workflow bundle)
 * against the real servers.
 */
describe('the released journey worker', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ladder-release-')), 'worker');
  let db: TestDatabase;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  let output = '';
  let apiUrl: string;

  beforeAll(async () => {
    const release = spawn(
      process.execPath,
      ['--import', 'tsx', 'infra/src/cli.ts', 'release', 'workflows', out],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let releaseOutput = '';
    release.stdout.on('data', (chunk: Buffer) => (releaseOutput += chunk.toString()));
    release.stderr.on('data', (chunk: Buffer) => (releaseOutput += chunk.toString()));
    const [code] = (await once(release, 'exit')) as [number | null];
    expect(code, releaseOutput).toBe(0);

    db = await createTestDatabase('released-worker');
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--conditions=ladder-compiled', 'dist/src/main.js'], {
      cwd: out,
      env: workerProcessEnv({
        db,
        port,
        metricsPort: await freePort(),
        extra: { NODE_ENV: 'production', WORKFLOW_BUNDLE: join(out, 'dist/workflow-bundle.js') },
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  }, 300_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
    rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('when released, then it holds compiled JavaScript and production dependencies only', () => {
    expect(typeScriptSources(join(out, 'dist'))).toEqual([]);
    expect(existsSync(join(out, 'src'))).toBe(false);
    const workspacePackages = join(out, 'node_modules', '@ladder');
    for (const name of readdirSync(workspacePackages)) {
      expect(existsSync(join(workspacePackages, name, 'src')), name).toBe(false);
      expect(existsSync(join(workspacePackages, name, 'dist')), name).toBe(true);
    }
    expect(existsSync(join(out, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(join(out, 'dist', 'workflow-bundle.js'))).toBe(true);
    expect(existsSync(join(out, 'dist', 'migrations'))).toBe(true);
  });

  it('when started from the release, then it migrates, runs its workflows from the bundle and is ready', async () => {
    await vi.waitFor(
      async () => expect((await fetch(`${apiUrl}/ready`)).status, output).toBe(200),
      { timeout: 60_000, interval: 250 },
    );
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);
  }, 90_000);
});
