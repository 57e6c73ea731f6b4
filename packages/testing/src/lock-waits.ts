import type pg from 'pg';
import { expect, vi } from 'vitest';

/**
 * Waits until exactly `waiting` queries (default 1) in the pool's database wait for a lock that
 * a test holds: requests are then in flight at a known point, with no sleeps. `querying` narrows
 * it to queries whose text contains it, when the service's other work may wait on the same lock.
 */
export function waitForLockWait(
  pool: Pick<pg.Pool, 'query'>,
  options: { waiting?: number; querying?: string; timeoutMs?: number } = {},
): Promise<void> {
  return vi.waitFor(
    async () => {
      const { rows } = await pool.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'
           and query like '%' || $1 || '%'`,
        [options.querying ?? ''],
      );
      expect(rows[0]!.waiting).toBe(options.waiting ?? 1);
    },
    { timeout: options.timeoutMs ?? 5_000 },
  );
}
