import { describe, expect, it } from 'vitest';
import { rowColumns } from './columns.js';

interface Row {
  id: string;
  n: number;
  doc: Record<string, unknown>;
  blob: Buffer;
}

const columns = rowColumns<Row>([
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'n', type: 'int', value: (r) => r.n },
  { name: 'doc', type: 'jsonb', encoding: 'json', value: (r) => r.doc },
  { name: 'blob', type: 'bytea', encoding: 'base64', value: (r) => r.blob },
]);

describe('row columns', () => {
  it('when rows are given, then each column is one parameter: arrays, or one text of lines', () => {
    const rows: Row[] = [
      { id: 'a', n: 1, doc: { x: 'line\nbreak' }, blob: Buffer.from('one') },
      { id: 'b', n: 2, doc: {}, blob: Buffer.from('two') },
    ];
    expect(columns.values(rows)).toEqual([
      ['a', 'b'],
      [1, 2],
      '{"x":"line\\nbreak"}\n{}',
      'b25l\ndHdv',
    ]);
  });

  it('when numbered from a parameter, then the unnest arguments, names and select list match', () => {
    expect(columns.count).toBe(4);
    expect(columns.params(3)).toBe(
      "$3::uuid[], $4::int[], string_to_array($5, E'\\n')::jsonb[], string_to_array($6, E'\\n')",
    );
    expect(columns.names).toBe('id, n, doc, blob');
    expect(columns.select).toBe("id, n, doc, decode(blob, 'base64')");
  });
});
