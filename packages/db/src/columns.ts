import type { Statement } from './statement.js';

/**
 * One column of rows that travel to PostgreSQL as columns, one parameter each: `array` values as
 * a typed array, `json` and `base64` values as one text of lines (JSON text and base64 never hold
 * a raw newline), so that PostgreSQL parses each value once and pg quotes no text inside an array.
 */
export type Column<R> =
  | { name: string; type: string; encoding?: 'array'; value: (row: R) => unknown }
  | { name: string; type: 'json' | 'jsonb'; encoding: 'json'; value: (row: R) => unknown }
  | { name: string; type: 'bytea'; encoding: 'base64'; value: (row: R) => Buffer };

/**
 * The columns of one table's rows, defined once for every statement that writes them: a
 * statement for one row and a statement for many (group commit) both read their parameters
 * with `unnest(params) as alias(names)` and insert `select list` from it.
 */
export interface RowColumns<R> {
  /** The column names, comma-separated: an insert's column list, or an alias for unnest. */
  readonly names: string;
  /** The unnest arguments, numbered from parameter `$first`. */
  params(first: number): string;
  /** How many parameters the columns take. */
  readonly count: number;
  /** The select list that turns a relation with these columns into the table's values. */
  readonly select: string;
  /** The parameters' values for `rows`, in the order of `params`. */
  values(rows: readonly R[]): unknown[];
}

export function rowColumns<R>(columns: readonly Column<R>[]): RowColumns<R> {
  return {
    names: columns.map((c) => c.name).join(', '),
    count: columns.length,
    params: (first) =>
      columns
        .map((c, i) => {
          const p = `$${first + i}`;
          if (c.encoding === 'json') return `string_to_array(${p}, E'\\n')::${c.type}[]`;
          if (c.encoding === 'base64') return `string_to_array(${p}, E'\\n')`;
          return `${p}::${c.type}[]`;
        })
        .join(', '),
    select: columns
      .map((c) => (c.encoding === 'base64' ? `decode(${c.name}, 'base64')` : c.name))
      .join(', '),
    values: (rows) =>
      columns.map((c) => {
        if (c.encoding === 'json') return rows.map((r) => JSON.stringify(c.value(r))).join('\n');
        if (c.encoding === 'base64')
          return rows.map((r) => c.value(r).toString('base64')).join('\n');
        return rows.map((r) => c.value(r));
      }),
  };
}

/**
 * A table's insert over rows of `columns`, defined once for every statement that writes them:
 * `from(relation)` embeds it in a larger statement (a writable CTE of a grouped write), over any
 * relation with the columns and `n` (the rows' order); `statement(rows)` is the same insert for
 * rows passed as parameters $1.. (its text is the same however many rows, so it can be prepared).
 */
export interface RowInsert<R> {
  readonly columns: RowColumns<R>;
  readonly from: (relation: string) => string;
  readonly statement: (rows: readonly R[]) => Statement;
}

/**
 * `insertFrom(relation)` is the insert with no WITH clause of its own (runTogether and grouped
 * statements embed it as a CTE), reading `relation`'s columns by name.
 */
export function rowInsert<R>(
  columns: RowColumns<R>,
  insertFrom: (relation: string) => string,
): RowInsert<R> {
  const text = insertFrom(`unnest(${columns.params(1)}) with ordinality as r(${columns.names}, n)`);
  return {
    columns,
    from: insertFrom,
    statement: (rows) => ({ text, values: columns.values(rows) }),
  };
}

/**
 * The plain insert of `columns` into `table` (each column into the table's column of its name),
 * with `tail` after it (an `on conflict` clause, say).
 */
export function insertInto<R>(table: string, columns: RowColumns<R>, tail = ''): RowInsert<R> {
  return rowInsert(
    columns,
    (relation) =>
      `insert into ${table} (${columns.names}) select ${columns.select} from ${relation}${tail}`,
  );
}
