import type pg from 'pg';
import { expect, vi } from 'vitest';

/**
 * Waits until exactly one query in the pool's database waits for a lock that a test holds: a
 * request is then in flight at a known point. `querying` narrows it to queries whose text
 * contains it, when the service's other work may wait on the same lock.
 */
export function waitForLockWait(
  pool: pg.Pool,
  options: { querying?: string; timeoutMs?: number } = {},
): Promise<void> {
  return vi.waitFor(
    async () => {
      const { rows } = await pool.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'
           and query like '%' || $1 || '%'`,
        [options.querying ?? ''],
      );
      expect(rows[0]!.waiting).toBe(1);
    },
    { timeout: options.timeoutMs ?? 5_000 },
  );
}
