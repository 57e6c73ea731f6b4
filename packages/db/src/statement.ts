import { createHash } from 'node:crypto';
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
 *
 * `prepare` keeps the combined statement prepared on each connection, so PostgreSQL parses and
 * plans it once, not on every call: for a hot path whose statements' texts come in a few shapes
 * only (each shape is prepared once per connection and kept).
 */
export async function runTogether(
  db: Queryable,
  statements: Statement[],
  options: { prepare?: boolean } = {},
): Promise<void> {
  if (statements.length === 0) return;
  const { text, values } = combined(statements, options.prepare === true);
  await db.query(options.prepare ? { name: preparedName(text), text, values } : { text, values });
}

function combined(statements: Statement[], fewShapes: boolean): Statement {
  const values = statements.flatMap((s) => s.values);
  if (!fewShapes) return { text: combinedText(statements), values };
  // A prepared hot path runs the same few shapes again and again: each is renumbered once.
  const key = statements.map((s) => s.text).join('\0');
  let text = combinedTexts.get(key);
  if (text === undefined) {
    text = combinedText(statements);
    combinedTexts.set(key, text);
  }
  return { text, values };
}

const combinedTexts = new Map<string, string>();

function combinedText(statements: Statement[]): string {
  let offset = 0;
  const parts = statements.map((statement, i) => {
    const shift = offset;
    offset += statement.values.length;
    // $n -> $(n + shift): every statement's parameters follow the ones before it.
    return `s${i} as (${statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
  });
  return `with ${parts.join(',\n')}\nselect 1`;
}

/** Names already worked out, by text: a prepared shape runs on every call of a hot path. */
const preparedNames = new Map<string, string>();

/** A prepared statement's name: the same text always gets the same name. */
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `ladder_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}
