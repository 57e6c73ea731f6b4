import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, migrate, type Pool } from '@ladder/db';
import { migrateIdempotency } from '@ladder/idempotency';
import type { ThrowawayStack } from '@ladder/infra';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { runTs, waitForHttp } from './child.js';
import { createDatabase } from './stack.js';

const serviceDir = new URL('../../services/referral/', import.meta.url).pathname;

export interface BenchReferralService {
  url: string;
  apiKey: string;
  pool: Pool;
  process: ChildProcess;
}

/**
 * The real referral service in its own process on the bench stack, with a Job Centre key and an
 * open programme (`bench-programme`) that accepts anyone. `checkout` runs another copy of the
 * repository's service instead (its databases named with `suffix`), to compare two versions in
 * one run.
 */
export async function startReferralService(
  stack: ThrowawayStack,
  options: { checkout?: string; suffix?: string } = {},
): Promise<BenchReferralService> {
  const suffix = options.suffix ?? '';
  const admin = stack.endpoints.postgres.url;
  const identityDb = await createDatabase(admin, `bench_identity${suffix}`);
  await migrateIdentity(identityDb);
  const identityPool = createPool(identityDb);
  const store = new CredentialStore(identityPool);
  const org = await store.createOrganisation({ name: 'Bench Jobcentre', kind: 'job-centre' });
  const operator = await store.createOrganisation({
    name: 'Bench Academy',
    kind: 'programme-operator',
  });
  const { apiKey } = await store.createApiKey({
    organisationId: org.id,
    scopes: [scopes.referralsWrite],
  });
  await identityPool.end();
  const { url: referralDb, pool } = await referralDatabase(
    admin,
    `bench_referral${suffix}`,
    operator.id,
  );
  const port = await getPort();
  const child = runTs(
    'src/main.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(await getPort()),
      LOG_LEVEL: 'warn',
      DATABASE_URL: referralDb,
      IDENTITY_DATABASE_URL: identityDb,
      KAFKA_BROKERS: stack.endpoints.kafka.brokers.join(','),
      MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      REPORTING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      MATCHING_KEY: randomBytes(32).toString('base64'),
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    options.checkout ? `${options.checkout}/services/referral/` : serviceDir,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`);
  return { url, apiKey, pool, process: child };
}

/**
 * A database with the referral service's schema and an open programme (`bench-programme`) that
 * accepts anyone, operated by `operatorId`.
 */
export async function referralDatabase(
  adminUrl: string,
  name: string,
  operatorId: string,
): Promise<{ url: string; pool: Pool }> {
  const url = await createDatabase(adminUrl, name);
  await migrate({ databaseUrl: url, dir: `${serviceDir}migrations` });
  await migrateIdempotency(url);
  const pool = createPool(url);
  await pool.query(
    `insert into programmes (id, operator_organisation_id, current_version) values ('bench-programme', $1, 1)`,
    [operatorId],
  );
  await pool.query(
    `insert into programme_versions (programme_id, version, rules) values ('bench-programme', 1, $1)`,
    [
      JSON.stringify({
        name: 'Bench',
        ageRange: { min: 16, max: 64 },
        eligibleGroups: [],
        areas: [],
        deadlines: guidanceDeadlines,
      }),
    ],
  );
  return { url, pool };
}
