import type { Pool } from '@ladder/db';

/**
 * With LADDER_PG_STAT_STATEMENTS=1 (the bench's PostgreSQL then loads pg_stat_statements), the
 * statements that took the most time so far in every database of the cluster, for a report;
 * otherwise undefined.
 */
export async function topStatements(pool: Pool, limit = 15) {
  if (process.env.LADDER_PG_STAT_STATEMENTS !== '1') return undefined;
  await pool.query('create extension if not exists pg_stat_statements');
  const { rows } = await pool.query<{ calls: string; rows: string; ms: number; query: string }>(
    `select calls, rows, round(total_exec_time)::float8 as ms,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 120) as query
     from pg_stat_statements order by total_exec_time desc limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    calls: Number(r.calls),
    rows: Number(r.rows),
    totalMs: r.ms,
    query: r.query,
  }));
}

/**
 * With LADDER_PG_STAT_STATEMENTS=1, forgets the statements counted so far (seeding, warm-up), so
 * that topStatements covers only what runs after; otherwise does nothing.
 */
export async function resetStatements(pool: Pool): Promise<void> {
  if (process.env.LADDER_PG_STAT_STATEMENTS !== '1') return;
  await pool.query('create extension if not exists pg_stat_statements');
  await pool.query('select pg_stat_statements_reset()');
}
