import { createHash } from 'node:crypto';
import type { Queryable } from './pool.js';

/** A parameterised SQL statement, built but not yet run (a pg QueryConfig). */
export interface Statement {
  text: string;
  values: unknown[];
}

/** The CTE that runTogether's `onlyIf` guard becomes; guarded statements read it. */
export const guardRelation = 'ladder_guard';

/**
 * For a statement builder's FROM clause: `cross join ladder_guard` when the statement is to be
 * guarded (its rows are then written only when the guard returned its row), nothing otherwise. A
 * builder whose source has no FROM clause (a select of parameters) uses `from ladder_guard`.
 */
export const guardJoin = (guarded: boolean | undefined): string =>
  guarded ? `cross join ${guardRelation}` : '';
export const guardFrom = (guarded: boolean | undefined): string =>
  guarded ? `from ${guardRelation}` : '';

export interface RunTogetherOptions {
  /**
   * Keep the combined statement prepared on each connection, so PostgreSQL parses and plans it
   * once, not on every call: for a hot path whose statements' texts come in a few shapes only
   * (each shape is prepared once per connection and kept).
   */
  prepare?: boolean;
  /**
   * A query that returns one row when the statements may run and none when they may not. It runs
   * before any of them, and the statements built guarded (`guardJoin`, `guardFrom`) write their
   * rows only when it returned its row. This makes a check and the writes it allows one atomic
   * statement, with no transaction around it: one round trip in all.
   */
  onlyIf?: Statement;
}

/**
 * Runs data-changing statements as one, each as a writable CTE: one round trip to PostgreSQL
 * instead of one per statement, which is most of what a short write costs. They run together, so
 * they all see the data as it was before, none sees another's rows, and foreign keys are checked
 * once all have run (a row may reference one that a sibling statement inserts). Each must be a
 * plain insert, update or delete with no WITH clause of its own.
 *
 * Returns false when an `onlyIf` guard returned no row (nothing guarded was written), else true.
 */
export async function runTogether(
  db: Queryable,
  statements: Statement[],
  options: RunTogetherOptions = {},
): Promise<boolean> {
  if (statements.length === 0) return true;
  const { text, values } = combined(statements, options.onlyIf, options.prepare === true);
  const { rows } = await db.query<{ go: boolean }>(
    options.prepare ? { name: preparedName(text), text, values } : { text, values },
  );
  return rows[0]?.go ?? false;
}

function combined(
  statements: Statement[],
  guard: Statement | undefined,
  fewShapes: boolean,
): Statement {
  const all = guard ? [guard, ...statements] : statements;
  const values = all.flatMap((s) => s.values);
  if (!fewShapes) return { text: combinedText(all, guard !== undefined), values };
  // A prepared hot path runs the same few shapes again and again: each is renumbered once.
  const key = `${guard ? 'guarded' : ''}\0${all.map((s) => s.text).join('\0')}`;
  let text = combinedTexts.get(key);
  if (text === undefined) {
    text = combinedText(all, guard !== undefined);
    combinedTexts.set(key, text);
  }
  return { text, values };
}

const combinedTexts = new Map<string, string>();

function combinedText(all: Statement[], guarded: boolean): string {
  let offset = 0;
  const parts = all.map((statement, i) => {
    const shift = offset;
    offset += statement.values.length;
    // $n -> $(n + shift): every statement's parameters follow the ones before it.
    const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`);
    // The guard is the main query's only input, so PostgreSQL runs it before the writable CTEs,
    // which it runs to completion only after the main query has finished.
    return guarded && i === 0
      ? `${guardRelation} as materialized (${text})`
      : `s${guarded ? i - 1 : i} as (${text})`;
  });
  const result = guarded ? `exists (select from ${guardRelation})` : 'true';
  return `with ${parts.join(',\n')}\nselect ${result} as go`;
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
