import { migrate } from '@ladder/db';

/** The idempotency table's migrations (numbered SQL files). */
export const idempotencyMigrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Creates or updates the `idempotency_keys` table in a service's database. */
export function migrateIdempotency(databaseUrl: string): Promise<void> {
  return migrate({
    databaseUrl,
    dir: idempotencyMigrationsDir,
    table: 'idempotency_migrations',
    backbone: false,
  });
}
