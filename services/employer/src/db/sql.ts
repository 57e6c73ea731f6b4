import type { Queryable } from '@ladder/db';

/** A timestamptz column as an ISO 8601 UTC time (as events carry it), e.g. for `respond_by`. */
export const isoTime = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One row of `table` by id, with `columns`; with `lock`, held for the rest of the transaction so
 * that changes to it queue up behind each other.
 */
export async function rowById<T>(
  db: Queryable,
  table: string,
  columns: string,
  id: string,
  lock: boolean,
): Promise<T | undefined> {
  const { rows } = await db.query<T & Record<string, unknown>>(
    `select ${columns} from ${table} where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0];
}
