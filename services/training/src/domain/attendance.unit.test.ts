import { describe, expect, it } from 'vitest';
import type { AttendanceMark } from '@ladder/vocabulary';
import { becomesAtRisk, summariseAttendance } from './attendance.js';

const marks = (...m: AttendanceMark[]) => m.map((mark, i) => ({ sessionNumber: i + 1, mark }));

describe('summariseAttendance', () => {
  it.each([
    [marks(), 0, 0],
    [marks('attended', 'absent', 'absent'), 2, 1],
    [marks('absent', 'absent', 'attended'), 0, 1],
    [marks('absent', 'excused', 'absent'), 2, 0],
    [marks('late', 'absent'), 1, 1],
  ])('when the marks are %j, then %i absences in a row and %i attended', (m, inARow, attended) => {
    expect(summariseAttendance(m)).toMatchObject({
      absencesInARow: inARow,
      sessionsAttended: attended,
      sessionsRecorded: m.length,
    });
  });

  it('when sessions are given out of order, then they are counted in session order', () => {
    expect(
      summariseAttendance([
        { sessionNumber: 3, mark: 'absent' },
        { sessionNumber: 1, mark: 'absent' },
        { sessionNumber: 2, mark: 'attended' },
      ]).absencesInARow,
    ).toBe(1);
  });
});

describe('becomesAtRisk', () => {
  it('when the run reaches the threshold, then the learner becomes at risk once', () => {
    expect(becomesAtRisk(2, 3, 3)).toBe(true);
    expect(becomesAtRisk(3, 4, 3)).toBe(false);
    expect(becomesAtRisk(1, 2, 3)).toBe(false);
  });
});
