/**
 * Run by `npm start` before the service (after the referral service's demo data): migrates the
 * database and loads a demo provider with its API key, the programme operator's training key,
 * this service's own credential for the consented view, and courses with intakes.
 * Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE, PARTICIPANT_VIEW_API_KEY_FILE.
 */
import { z } from 'zod';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { env, parseConfig } from '@ladder/config';
import { createPool } from '@ladder/db';
import { migrateTraining } from '../migrate.js';
import { loadTrainingDemo } from './demo-data.js';

const config = parseConfig(
  z.object({
    DATABASE_URL: env.postgresUrl(),
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    DEMO_CREDENTIALS_FILE: z.string().min(1),
    PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1),
  }),
);
await migrateTraining(config.DATABASE_URL);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const pool = createPool(config.DATABASE_URL, { max: 2 });
const identityPool = createPool(config.IDENTITY_DATABASE_URL, { max: 2 });
try {
  const loaded = await loadTrainingDemo({
    pool,
    store: new CredentialStore(identityPool),
    credentialsFile: config.DEMO_CREDENTIALS_FILE,
    serviceKeyFile: config.PARTICIPANT_VIEW_API_KEY_FILE,
  });
  process.stdout.write(`training demo: ${loaded.courses} courses, ${loaded.intakes} intakes\n`);
} finally {
  await pool.end();
  await identityPool.end();
}
