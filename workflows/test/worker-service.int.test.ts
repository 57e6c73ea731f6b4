import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, freePort, type TestDatabase } from '@ladder/testing';
import { workerProcessEnv } from './support/worker-process-env.js';

const workflowsDir = fileURLToPath(new URL('..', import.meta.url));
const token = randomBytes(24).toString('base64url');

describe('the journey worker process, started through the service kit', () => {
  let db: TestDatabase;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  let exited: Promise<unknown[]>;
  let output = '';
  let codecUrl: string;
  let metricsUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase('worker-service');
    const port = await freePort();
    const metricsPort = await freePort();
    codecUrl = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workflowsDir,
      env: workerProcessEnv({
        db,
        port,
        metricsPort,
        // The kit's lifecycle steps are logged at debug: the order of shutdown is read from them.
        extra: { LOG_LEVEL: 'debug', CODEC_TOKEN: token },
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = once(child, 'exit');
    // The worker bundles its workflows at start (no WORKFLOW_BUNDLE here), which takes a while.
    await vi.waitFor(async () => expect((await fetch(`${codecUrl}/ready`)).status).toBe(200), {
      timeout: 90_000,
      interval: 250,
    });
  }, 120_000);
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
  });

  it('when running, then its codec endpoint is healthy and refuses callers without the token, and metrics are on their own port', async () => {
    expect((await fetch(`${codecUrl}/health`)).status).toBe(200);
    const refused = await fetch(`${codecUrl}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(refused.status).toBe(401);
    const metrics = await fetch(`${metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('ladder_events_handled_total');
    expect((await fetch(`${codecUrl}/metrics`)).status).toBe(404);
  });

  it('when told to stop, then the bridge stops before the Temporal worker, then the relay, and the process exits 0', async () => {
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code, output).toBe(0);
    const stopped = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; stage?: string; action?: string })
      .filter((entry) => entry.msg === 'lifecycle' && entry.action === 'stop')
      .map((entry) => entry.stage);
    expect(stopped).toEqual(['consumers', 'workers', 'relays']);
  });
});
