import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './working-days.js';

// England and Wales, from gov.uk/bank-holidays: Christmas 2026 (Boxing Day falls on a Saturday,
// so Monday 28 December is its substitute) and Easter 2027.
const englandAndWales = new Set([
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
]);
// Scotland adds 2 January; 2027-01-02 is a Saturday, so its substitute is Monday 4 January.
const scotland = new Set(['2026-12-25', '2026-12-28', '2027-01-01', '2027-01-04']);

const day = (iso: string) => new Date(`${iso}T09:00:00.000Z`);
const plus = (from: string, days: number, holidays?: ReadonlySet<string>) =>
  addWorkingDays(day(from), days, holidays).toISOString().slice(0, 10);

describe('addWorkingDays', () => {
  it.each([
    // from Thursday 24 December 2026: Friday 25 and Monday 28 are bank holidays
    ['2026-12-24', 1, englandAndWales, '2026-12-29'],
    ['2026-12-24', 2, englandAndWales, '2026-12-30'],
    // over New Year: Friday 1 January 2027 is one too
    ['2026-12-30', 2, englandAndWales, '2027-01-04'],
    ['2026-12-30', 2, scotland, '2027-01-05'],
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March
    ['2027-03-25', 1, englandAndWales, '2027-03-30'],
    // 2 working days to acknowledge a referral made on Christmas Eve
    ['2026-12-24', 2, undefined, '2026-12-28'],
    // 15 working days for a first meeting, across the Christmas break
    ['2026-12-14', 15, englandAndWales, '2027-01-07'],
    ['2026-12-14', 15, undefined, '2027-01-04'],
  ])(
    'when %s plus %i working days (holidays %#), then the day is %s',
    (from, days, holidays, expected) => {
      expect(plus(from, days, holidays)).toBe(expected);
    },
  );

  it('when a day is a weekend and a holiday at once, then it is skipped once', () => {
    // Saturday 26 December 2026 is Boxing Day itself.
    expect(plus('2026-12-24', 3, new Set([...englandAndWales, '2026-12-26']))).toBe('2026-12-31');
  });
});
