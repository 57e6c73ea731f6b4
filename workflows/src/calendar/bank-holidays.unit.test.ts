import { describe, expect, it } from 'vitest';
import { bankHolidays } from './bank-holidays.js';

describe('bankHolidays', () => {
  it('when England and Wales 2026 are asked for, then they are the eight days gov.uk lists', () => {
    expect(bankHolidays('england-and-wales', 2026, 1)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26', // a Saturday: the substitute day follows
      '2026-12-28',
    ]);
  });

  it("when Scotland is asked for, then 2 January and St Andrew's Day are in and Easter Monday is not", () => {
    const days = bankHolidays('scotland', 2026, 1);
    expect(days).toEqual(expect.arrayContaining(['2026-01-02', '2026-11-30', '2026-08-03']));
    expect(days).not.toContain('2026-04-06');
  });

  it("when Northern Ireland is asked for, then St Patrick's Day and the Twelfth (with its substitute) are in", () => {
    expect(bankHolidays('northern-ireland', 2026, 1)).toEqual(
      expect.arrayContaining(['2026-03-17', '2026-07-13']),
    );
  });

  it('when several years are asked for, then each is there, Christmas 2027 with its substitute days', () => {
    const days = bankHolidays('england-and-wales', 2026, 3);
    expect(days).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28', '2028-12-25']));
    expect(days.every((d) => /^202[678]-\d\d-\d\d$/.test(d))).toBe(true);
  });
});
