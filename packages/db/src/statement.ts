import type { Queryable } from './pool.js';

/** A parameterised SQL statement, built but not yet run (a pg QueryConfig). */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Runs data-changing statements as one, each as a writable CTE: one round trip to PostgreSQL
 * instead of one per statement, which is most of what a short write costs. They run together, so
 * they all see the data as it was before, none sees another's rows, and foreign keys are checked
 * once all have run (a row may reference one that a sibling statement inserts). Each must be a
 * plain insert, update or delete with no WITH clause of its own.
 */
export async function runTogether(db: Queryable, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  let offset = 0;
  const parts = statements.map((statement, i) => {
    const shift = offset;
    offset += statement.values.length;
    // $n -> $(n + shift): every statement's parameters follow the ones before it.
    const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`);
    return `s${i} as (${text})`;
  });
  await db.query(
    `with ${parts.join(',\n')}\nselect 1`,
    statements.flatMap((s) => s.values),
  );
}
