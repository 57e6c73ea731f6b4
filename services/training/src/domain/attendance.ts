import type { AttendanceMark } from '@ladder/vocabulary';

/** A learner's marks, from the latest register version of each session. */
export interface LearnerMark {
  sessionNumber: number;
  mark: AttendanceMark;
}

export interface AttendanceSummary {
  sessionsRecorded: number;
  /** Attended or late. */
  sessionsAttended: number;
  /**
   * Unexcused absences since the last session attended, up to the latest session recorded. An
   * excused absence neither counts nor breaks the run: the learner has still not been seen.
   */
  absencesInARow: number;
}

export function summariseAttendance(marks: readonly LearnerMark[]): AttendanceSummary {
  const ordered = [...marks].sort((a, b) => a.sessionNumber - b.sessionNumber);
  let absencesInARow = 0;
  let sessionsAttended = 0;
  for (const { mark } of ordered) {
    if (mark === 'attended' || mark === 'late') {
      sessionsAttended += 1;
      absencesInARow = 0;
    } else if (mark === 'absent') absencesInARow += 1;
  }
  return { sessionsRecorded: ordered.length, sessionsAttended, absencesInARow };
}

/** At risk from the moment the run of absences reaches the programme's threshold. */
export const becomesAtRisk = (before: number, after: number, threshold: number): boolean =>
  before < threshold && after >= threshold;
