import { z } from 'zod';
import { env } from '@ladder/config';
import { createPool, type Pool } from '@ladder/db';
import { CredentialStore } from './credential-store.js';
import { migrateIdentity } from './migrate-identity.js';

/**
 * What every service's demo loader reads from its env; a service extends it with its own
 * (`demoEnv.extend({ ... })`) and parses it with `parseConfig`, which names any bad variable.
 */
export const demoEnv = z.object({
  DATABASE_URL: env.postgresUrl(),
  IDENTITY_DATABASE_URL: env.postgresUrl(),
  DEMO_CREDENTIALS_FILE: z.string().min(1),
});

export interface DemoLoad {
  /** Migrates the service's own database (the identity database is migrated too). */
  migrate: (databaseUrl: string) => Promise<void>;
  /** Loads the demo data; returns the line to print about what it loaded. */
  load: (deps: { pool: Pool; store: CredentialStore }) => Promise<string>;
}

/**
 * A service's `src/demo/load-demo.ts`, run by `npm start` before the service: migrates the
 * service's database and the identity database, loads the demo with a pool on each (two
 * connections apiece), prints what it loaded and closes them.
 */
export async function loadDemo(config: z.infer<typeof demoEnv>, demo: DemoLoad): Promise<void> {
  await demo.migrate(config.DATABASE_URL);
  await migrateIdentity(config.IDENTITY_DATABASE_URL);
  const pool = createPool(config.DATABASE_URL, { max: 2 });
  const identityPool = createPool(config.IDENTITY_DATABASE_URL, { max: 2 });
  try {
    const loaded = await demo.load({ pool, store: new CredentialStore(identityPool) });
    process.stdout.write(`${loaded}\n`);
  } finally {
    await pool.end();
    await identityPool.end();
  }
}
