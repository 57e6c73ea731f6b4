import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The outbox and processed-events tables every service and the worker need. */
export const backboneMigrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

export interface MigrateOptions {
  databaseUrl: string;
  /** The service's own migrations folder (numbered SQL files), applied after the backbone's. */
  dir?: string;
  /** Its history table; default `service_migrations`. */
  table?: string;
  /** Whether to apply the outbox and processed-events tables first; default true. */
  backbone?: boolean;
  log?: (message: string) => void;
}

/**
 * Applies pending migrations. Each set keeps its own history table, so the shared backbone and a
 * service's own numbering never interleave. Concurrent starts wait on node-pg-migrate's advisory lock.
 */
export async function migrate(options: MigrateOptions): Promise<void> {
  const sets = [
    ...(options.backbone === false
      ? []
      : [{ dir: backboneMigrationsDir, table: 'ladder_backbone_migrations' }]),
    ...(options.dir ? [{ dir: options.dir, table: options.table ?? 'service_migrations' }] : []),
  ];
  for (const set of sets) {
    await runner({
      databaseUrl: options.databaseUrl,
      dir: set.dir,
      migrationsTable: set.table,
      direction: 'up',
      advisoryLockMode: 'wait',
      log: options.log ?? (() => undefined),
    });
  }
}
