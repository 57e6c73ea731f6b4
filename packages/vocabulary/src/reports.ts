/**
 * How an outcome report may break its figures down. A person is in one group of each, except
 * `priority-group`: a person in several groups counts once in each of their groups' rows, so those
 * rows do not add up to the total.
 */
export const reportBreakdowns = [
  'programme',
  'period',
  'referrer',
  'area',
  'priority-group',
] as const;
export type ReportBreakdown = (typeof reportBreakdowns)[number];

/** The breakdowns in which a person may count in more than one group. */
export const multiGroupBreakdowns = [
  'priority-group',
] as const satisfies readonly ReportBreakdown[];

/**
 * Report keys of people whose area and priority groups the read model does not hold (their consent
 * does not cover outcome reporting to the programme operator, was withdrawn or expired, or they
 * were erased), and of people in no priority group. Neither can be an area or a group's code.
 */
export const profileNotSharedKey = 'not-shared';
export const noPriorityGroupKey = 'none';

/** What an outcome report counts: each of its figures is one of these (with a code for the last three). */
export const reportMeasures = ['referred', 'in-progress', 'stage', 'outcome', 'ending'] as const;
export type ReportMeasure = (typeof reportMeasures)[number];

/**
 * Journeys that need someone's attention: a deadline passed, training reported them at risk, or
 * they wait on an employer (a check the employer holds is overdue, or a sustainment answer is due).
 */
export const journeyAttention = [
  'stalled',
  'at-risk',
  'stalled-or-at-risk',
  'waiting-on-employer',
] as const;
export type JourneyAttention = (typeof journeyAttention)[number];

/**
 * What a programme operator's staff may do in the ops service: viewers look; caseworkers act on
 * journeys; managers also read reports and export; admins also handle dead letters and erasure.
 */
export const staffRoles = ['viewer', 'caseworker', 'manager', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** What the ops service's audit log records. */
export const auditActions = [
  'journeys-exported',
  'report-exported',
  'dead-letters-replayed',
  'journey-withdrawn',
  'deadline-extended',
  'mentor-assigned',
  'outcome-recorded',
  'personal-details-revealed',
  'journey-payloads-decoded',
] as const;
export type AuditAction = (typeof auditActions)[number];
