import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, testStack, waitForLockWait } from '@ladder/testing';
import {
  bearer,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

describe('the referral service process, started through the service kit', () => {
  let t: ReferralTestApp;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  let exited: Promise<unknown[]>;
  let output = '';
  let url: string;
  let metricsUrl: string;

  beforeAll(async () => {
    t = await startReferralApp();
    const port = await freePort();
    const metricsPort = await freePort();
    url = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serviceDir,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'warn',
        DATABASE_URL: t.db.url,
        IDENTITY_DATABASE_URL: t.identityDb.url,
        KAFKA_BROKERS: testStack().kafka.brokers.join(','),
        MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
        REPORTING_KEYS: `test:${randomBytes(32).toString('base64')}`,
        MATCHING_KEY: randomBytes(32).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = once(child, 'exit');
    await vi.waitFor(async () => expect((await fetch(`${url}/ready`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await t.close();
  });

  it('when running, then it is healthy and ready, and serves metrics on its own port and not on the API port', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const metrics = await fetch(`${metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const exposition = await metrics.text();
    // The backbone's own metrics and the process's, in one registry.
    expect(exposition).toContain('ladder_outbox_published_total');
    expect(exposition).toContain('process_cpu_seconds_total');
    const onApi = await fetch(`${url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.text()).not.toContain('ladder_outbox');
  });

  it('when a referral is in flight at SIGTERM, then it is answered and stored, new requests are refused, and the process exits 0', async () => {
    const holder = new pg.Client({ connectionString: t.db.url });
    try {
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
      // Metrics close last, with the process.
      await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
    } finally {
      await holder.end().catch(() => undefined);
    }
  });
});

describe('the referral service process, when its env is wrong', () => {
  it('when several variables are bad, then it exits 1 naming each of them and none of their values', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serviceDir,
      env: {
        PATH: process.env.PATH,
        METRICS_PORT: '70000',
        DATABASE_URL: 'not-a-url-secret-value',
        KAFKA_BROKERS: '127.0.0.1:1',
        MATCHING_KEY: randomBytes(32).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(1);
    for (const variable of ['METRICS_PORT', 'DATABASE_URL', 'IDENTITY_DATABASE_URL', 'MASTER_KEYS'])
      expect(output).toContain(variable);
    expect(output).not.toContain('KAFKA_BROKERS');
    expect(output).not.toContain('not-a-url-secret-value');
  });
});
