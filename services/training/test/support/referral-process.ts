import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

const referralServiceDir = new URL('../../../referral/', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface ReferralProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real referral service in its own process (as under `npm start`), on the test stack's
 * databases and Kafka: the holder of personal data the training service asks for consented views.
 */
export async function startReferralProcess(env: {
  databaseUrl: string;
  identityDatabaseUrl: string;
  kafkaBrokers: string[];
}): Promise<ReferralProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: referralServiceDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.databaseUrl,
      IDENTITY_DATABASE_URL: env.identityDatabaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
      REPORTING_KEYS: `test:${randomBytes(32).toString('base64')}`,
      MATCHING_KEY: randomBytes(32).toString('base64'),
      RATE_LIMIT_PER_MINUTE: '1000000',
      RELAY_LINGER_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the referral service exited ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the referral service did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
