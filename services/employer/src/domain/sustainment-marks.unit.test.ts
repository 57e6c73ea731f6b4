import { describe, expect, it } from 'vitest';
import { dayOf, sustainmentMarks } from './sustainment-marks.js';

describe('sustainmentMarks', () => {
  it.each([
    [
      '2027-01-04',
      { '13': 91, '26': 182 },
      10,
      ['2027-04-05T00:00:00.000Z', '2027-04-15T00:00:00.000Z'],
      ['2027-07-05T00:00:00.000Z', '2027-07-15T00:00:00.000Z'],
    ],
    // A demo programme: marks minutes after the start of the first day.
    [
      '2027-01-04',
      { '13': 0.0035, '26': 0.007 },
      1,
      ['2027-01-04T00:05:02.400Z', '2027-01-05T00:05:02.400Z'],
      ['2027-01-04T00:10:04.800Z', '2027-01-05T00:10:04.800Z'],
    ],
  ])(
    'when the start is %s with marks %o and %i response days, then the tasks fall at the marks',
    (startedOn, sustainmentMarkDays, sustainmentResponseDays, thirteen, twentySix) => {
      const marks = sustainmentMarks(startedOn, { sustainmentMarkDays, sustainmentResponseDays });
      expect(
        marks.map((m) => [m.weeks, m.markAt.toISOString(), m.answerDueAt.toISOString()]),
      ).toEqual([
        [13, ...thirteen],
        [26, ...twentySix],
      ]);
    },
  );
});

describe('dayOf', () => {
  it.each([
    ['2027-01-04T23:59:59.999Z', '2027-01-04'],
    ['2027-01-05T00:30:00+01:00', '2027-01-04'],
  ])('when the moment is %s, then the day (UTC) is %s', (moment, day) => {
    expect(dayOf(new Date(moment))).toBe(day);
  });
});
