/**
 * Run by `npm start` before the service: migrates the databases and loads the demo organisations,
 * keys and programme. Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE.
 */
import { z } from 'zod';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { env, parseConfig } from '@ladder/config';
import { createPool, migrate } from '@ladder/db';
import { migrateIdempotency } from '@ladder/idempotency';
import { loadDemoData } from './demo-data.js';

const config = parseConfig(
  z.object({
    DATABASE_URL: env.postgresUrl(),
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    DEMO_CREDENTIALS_FILE: z.string().min(1),
  }),
);
await migrate({
  databaseUrl: config.DATABASE_URL,
  dir: new URL('../../migrations', import.meta.url).pathname,
});
await migrateIdempotency(config.DATABASE_URL);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const pool = createPool(config.DATABASE_URL, { max: 2 });
const identityPool = createPool(config.IDENTITY_DATABASE_URL, { max: 2 });
try {
  const credentials = await loadDemoData({
    pool,
    store: new CredentialStore(identityPool),
    credentialsFile: config.DEMO_CREDENTIALS_FILE,
  });
  process.stdout.write(
    `demo organisations: ${credentials.organisations.map((o) => o.name).join(', ')}\n`,
  );
} finally {
  await pool.end();
  await identityPool.end();
}
