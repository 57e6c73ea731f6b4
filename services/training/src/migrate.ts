import { migrate } from '@ladder/db';
import { migrateIdempotency } from '@ladder/idempotency';

const dir = new URL('../migrations', import.meta.url).pathname;

/** The training database: the backbone's tables, the Idempotency-Key table, then its own. */
export async function migrateTraining(databaseUrl: string): Promise<void> {
  await migrate({ databaseUrl, dir });
  await migrateIdempotency(databaseUrl);
}
