/** A value a CSV cell can hold. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet program would run as a formula (or as DDE) if a cell began with it: such a
 * cell is given a leading apostrophe, which the programs show as text and do not evaluate.
 */
const formulaStart = /^[=+\-@\t\r|%]/;

/** One cell: text always quoted (quotes doubled), formula-like text defused; numbers as they are. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One record, ended by CRLF as RFC 4180 asks. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
