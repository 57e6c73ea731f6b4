import type { Queryable } from '@ladder/db';

/** A timestamptz column as an ISO 8601 UTC time (as events carry it), e.g. for `respond_by`. */
export const isoTime = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The reads that placements, interviews and offers each have, over their table and columns. */
export function tableReads<T>(table: string, columns: string) {
  return {
    /** One row by id; with `lock`, held for the rest of the transaction so changes queue up. */
    byId: async (db: Queryable, id: string, lock = false): Promise<T | undefined> => {
      const { rows } = await db.query<T & Record<string, unknown>>(
        `select ${columns} from ${table} where id = $1${lock ? ' for update' : ''}`,
        [id],
      );
      return rows[0];
    },
    /** The rows an organisation may see (its own as employer or as operator), oldest first, 500 at most. */
    visibleTo: async (db: Queryable, organisationId: string): Promise<T[]> => {
      const { rows } = await db.query<T & Record<string, unknown>>(
        `select ${columns} from ${table}
         where employer_organisation_id = $1 or operator_organisation_id = $1
         order by created_at limit 500`,
        [organisationId],
      );
      return rows;
    },
  };
}

/** Moves a row of `table` to `status`, with a reason when one is given (else the one it had). */
export async function setRowStatus<T>(
  db: Queryable,
  table: string,
  columns: string,
  id: string,
  status: string,
  reasonCode: string | null,
): Promise<T> {
  const { rows } = await db.query<T & Record<string, unknown>>(
    `update ${table} set status = $2, reason_code = coalesce($3, reason_code), updated_at = now()
     where id = $1 returning ${columns}`,
    [id, status, reasonCode],
  );
  return rows[0]!;
}
