import type { Queryable } from '@ladder/db';
import { readModelTables } from './projection.repository.js';

/**
 * A digest of every row of the read model, in a fixed order: equal digests mean equal tables, as
 * a rebuild must give.
 */
export async function readModelChecksum(db: Queryable): Promise<string> {
  const parts: string[] = [];
  for (const table of readModelTables) {
    const { rows } = await db.query<{ digest: string | null }>(
      `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from ${table} t`,
    );
    parts.push(`${table}:${rows[0]?.digest ?? ''}`);
  }
  return parts.join(' ');
}
