import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\r=1', `"'\r=1"`],
    ['|calc', `"'|calc"`],
  ])(
    'when text begins like a formula (%j), then the cell starts with an apostrophe',
    (value, cell) => {
      expect(csvCell(value)).toBe(cell);
    },
  );

  it('when text holds quotes, commas or line breaks, then it is quoted with quotes doubled', () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
  });

  it('when a cell is a number, a boolean or missing, then it is written bare (a negative number too)', () => {
    expect(csvLine([-3, 4.5, true, null, undefined, 'x'])).toBe('-3,4.5,true,,,"x"\r\n');
  });
});
