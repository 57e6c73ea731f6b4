import { migrate } from '@ladder/db';

const dir = new URL('../migrations', import.meta.url).pathname;

/** Creates or updates the identity tables (organisations, API keys, OAuth clients). */
export function migrateIdentity(databaseUrl: string): Promise<void> {
  return migrate({ databaseUrl, dir, table: 'identity_migrations', backbone: false });
}
