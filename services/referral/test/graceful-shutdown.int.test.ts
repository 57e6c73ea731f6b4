import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testStack } from '@ladder/testing';
import {
  bearer,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';
import { waitForLockWait } from './support/lock-waits.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/** A port nothing listens on now, for the service process. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('the referral service process, when it is told to stop', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when a referral is in flight at SIGTERM, then it is answered and stored, new requests are refused, and the process exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serviceDir,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATABASE_URL: t.db.url,
        IDENTITY_DATABASE_URL: t.identityDb.url,
        KAFKA_BROKERS: testStack().kafka.brokers.join(','),
        MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
        MATCHING_KEY: randomBytes(32).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    const holder = new pg.Client({ connectionString: t.db.url });
    try {
      await vi.waitFor(async () => expect((await fetch(`${url}/ready`)).status).toBe(200), {
        timeout: 30_000,
        interval: 200,
      });
      // Keep the referral waiting in PostgreSQL, as a slow write would (the service's other work
      // may wait on this lock too, so the wait looked for below is the submission's group
      // statement).
      await holder.connect();
      await holder.query('begin');
      await holder.query('lock table referrals in access exclusive mode');
      const key = randomUUID();
      const inFlight = fetch(`${url}/v1/referrals`, {
        method: 'POST',
        headers: {
          ...bearer(t.jobCentre),
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(referralBody()),
      });
      await waitForLockWait(t.pool, { querying: 'referral first referrals', timeoutMs: 10_000 });

      child.kill('SIGTERM');
      // The listener closes at once: a new request is refused while the first is still answered.
      await vi.waitFor(() => expect(fetch(`${url}/health`)).rejects.toThrow(), { timeout: 5_000 });
      await holder.query('rollback');

      const response = await inFlight.catch((error: unknown) => {
        throw new Error(
          `the referral in flight failed (${String(error)}); the service said: ${output}`,
        );
      });
      expect(response.status, output).toBe(201);
      const [code] = (await exited) as [number | null];
      expect(code, output).toBe(0);
      const { rows } = await t.pool.query<{ n: number }>(
        'select count(*)::int as n from idempotency_keys where idempotency_key = $1',
        [key],
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await holder.end().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
