import type { Pool } from '@ladder/db';

/** What a sampler saw: how many of a database's backends were busy or waiting on a lock. */
export interface LockWaitReport {
  samples: number;
  everyMs: number;
  /** Backends running a statement (or waiting inside one), mean and most at once. */
  active: { mean: number; max: number };
  /** Backends waiting on a heavyweight lock, by kind (`transactionid`, `tuple`, `advisory`, ...). */
  waitingOnLocks: Record<string, { mean: number; max: number }>;
}

/**
 * Samples `pg_stat_activity` every `everyMs` until stopped, for one database: shows whether a
 * burst queues on locks (and which) or on the pool. The sampler's own queries cost PostgreSQL
 * a little, so a bench runs it only when asked (BENCH_LOCK_WAITS=1).
 */
export function sampleLockWaits(
  pool: Pool,
  database: string,
  everyMs = 10,
): () => Promise<LockWaitReport> {
  let samples = 0;
  let activeSum = 0;
  let activeMax = 0;
  const waits = new Map<string, { sum: number; max: number }>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await pool.query<{ kind: string | null; n: number }>(
        `select case when wait_event_type = 'Lock' then wait_event end as kind, count(*)::int as n
         from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()
         group by 1`,
        [database],
      );
      samples += 1;
      const active = rows.reduce((sum, r) => sum + r.n, 0);
      activeSum += active;
      activeMax = Math.max(activeMax, active);
      for (const r of rows) {
        if (r.kind === null) continue;
        const seen = waits.get(r.kind) ?? { sum: 0, max: 0 };
        waits.set(r.kind, { sum: seen.sum + r.n, max: Math.max(seen.max, r.n) });
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  const mean = (sum: number) => Math.round((sum / Math.max(1, samples)) * 10) / 10;
  return async () => {
    stopped = true;
    await loop;
    return {
      samples,
      everyMs,
      active: { mean: mean(activeSum), max: activeMax },
      waitingOnLocks: Object.fromEntries(
        [...waits].map(([kind, w]) => [kind, { mean: mean(w.sum), max: w.max }]),
      ),
    };
  };
}
