import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateIdentity } from '@ladder/auth';
import { createTestDatabase, freePort, testStack, type TestDatabase } from '@ladder/testing';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

describe('the ops service process, started through the service kit', () => {
  let db: TestDatabase;
  let identity: TestDatabase;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  let output = '';
  let url: string;
  let signInPort: number;

  beforeAll(async () => {
    db = await createTestDatabase('ops');
    identity = await createTestDatabase('identity');
    await migrateIdentity(identity.url);
    const port = await freePort();
    signInPort = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serviceDir,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        IDENTITY_DATABASE_URL: identity.url,
        KAFKA_BROKERS: testStack().kafka.brokers.join(','),
        TEMPORAL_ADDRESS: testStack().temporal.address,
        TEMPORAL_NAMESPACE: testStack().temporal.namespace,
        CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
        REPORTING_KEYS: `test:${randomBytes(32).toString('base64')}`,
        PUBLIC_URL: url,
        DEV_SIGN_IN_PORT: String(signInPort),
        // Nothing listens there: the process starts without them and fails only the calls.
        REFERRAL_SERVICE_URL: 'http://127.0.0.1:9',
        PARTICIPANT_VIEW_API_KEY: 'ops-view-key-for-this-test',
        TRAINING_SERVICE_URL: 'http://127.0.0.1:9',
        EMPLOYER_SERVICE_URL: 'http://127.0.0.1:9',
        OPERATOR_API_KEYS: JSON.stringify({ 'org-blmk-academy': 'operator-key-for-this-test' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(async () => expect((await fetch(`${url}/ready`)).status, output).toBe(200), {
      timeout: 60_000,
      interval: 250,
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    await identity.drop();
  });

  it('when started for development, then it is ready, sends staff to the development provider and stops cleanly on SIGTERM', async () => {
    const signIn = await fetch(`${url}/sign-in`, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const location = new URL(signIn.headers.get('location')!);
    expect(location.origin).toBe(`http://127.0.0.1:${signInPort}`);
    expect(location.searchParams.get('redirect_uri')).toBe(`${url}/sign-in/callback`);
    expect((await fetch(location, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${url}/v1/ops/journeys`)).status).toBe(401);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code, output).toBe(0);
  });
});
