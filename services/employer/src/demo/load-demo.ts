/**
 * Run by `npm start` before the service (after the referral service's demo data): migrates the
 * database and loads the demo employers with their API keys, the programme operator's employment
 * key, this service's own credential for the consented view, and sites with slots and vacancies.
 * Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE, PARTICIPANT_VIEW_API_KEY_FILE.
 */
import { z } from 'zod';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { env, parseConfig } from '@ladder/config';
import { createPool } from '@ladder/db';
import { migrateEmployer } from '../migrate.js';
import { loadEmployerDemo } from './demo-data.js';

const config = parseConfig(
  z.object({
    DATABASE_URL: env.postgresUrl(),
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    DEMO_CREDENTIALS_FILE: z.string().min(1),
    PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1),
  }),
);
await migrateEmployer(config.DATABASE_URL);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const pool = createPool(config.DATABASE_URL, { max: 2 });
const identityPool = createPool(config.IDENTITY_DATABASE_URL, { max: 2 });
try {
  const loaded = await loadEmployerDemo({
    pool,
    store: new CredentialStore(identityPool),
    credentialsFile: config.DEMO_CREDENTIALS_FILE,
    serviceKeyFile: config.PARTICIPANT_VIEW_API_KEY_FILE,
  });
  process.stdout.write(
    `employer demo: ${loaded.sites} sites, ${loaded.slots} placement slots, ${loaded.vacancies} vacancies\n`,
  );
} finally {
  await pool.end();
  await identityPool.end();
}
