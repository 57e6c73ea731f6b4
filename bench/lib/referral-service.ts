import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, migrate, type Pool } from '@ladder/db';
import type { ThrowawayStack } from '@ladder/infra';
import { guidanceDeadlines } from '@ladder/workflow-contracts';
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
 * open programme (`bench-programme`) that accepts anyone.
 */
export async function startReferralService(stack: ThrowawayStack): Promise<BenchReferralService> {
  const admin = stack.endpoints.postgres.url;
  const referralDb = await createDatabase(admin, 'bench_referral');
  const identityDb = await createDatabase(admin, 'bench_identity');
  await migrate({ databaseUrl: referralDb, dir: `${serviceDir}migrations` });
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
  const pool = createPool(referralDb);
  await pool.query(
    `insert into programmes (id, operator_organisation_id, current_version) values ('bench-programme', $1, 1)`,
    [operator.id],
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
  const port = await getPort();
  const child = runTs(
    'src/main.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: referralDb,
      IDENTITY_DATABASE_URL: identityDb,
      KAFKA_BROKERS: stack.endpoints.kafka.brokers.join(','),
      MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      MATCHING_KEY: randomBytes(32).toString('base64'),
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    serviceDir,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`);
  return { url, apiKey, pool, process: child };
}
