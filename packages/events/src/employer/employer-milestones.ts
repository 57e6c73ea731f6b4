import type { InterviewAttendance, MilestoneCode } from '@ladder/vocabulary';
import { employmentCheckUpdatedV1 } from './employment-check-updated.v1.js';
import { interviewCancelledV1 } from './interview-cancelled.v1.js';
import { interviewRecordedV1 } from './interview-recorded.v1.js';
import { interviewRescheduledV1 } from './interview-rescheduled.v1.js';
import { interviewScheduledV1 } from './interview-scheduled.v1.js';
import { leftPostV1 } from './left-post.v1.js';
import { offerAcceptedV1 } from './offer-accepted.v1.js';
import { offerDeclinedV1 } from './offer-declined.v1.js';
import { offerExpiredV1 } from './offer-expired.v1.js';
import { offerMadeUnconditionalV1 } from './offer-made-unconditional.v1.js';
import { offerMadeV1 } from './offer-made.v1.js';
import { offerWithdrawnV1 } from './offer-withdrawn.v1.js';
import { placementCompletedV1 } from './placement-completed.v1.js';
import { placementConfirmedV1 } from './placement-confirmed.v1.js';
import { placementDeclinedV1 } from './placement-declined.v1.js';
import { placementEndedEarlyV1 } from './placement-ended-early.v1.js';
import { placementProposedV1 } from './placement-proposed.v1.js';
import { placementStartedV1 } from './placement-started.v1.js';
import { startDateAgreedV1 } from './start-date-agreed.v1.js';
import { startedInPostV1 } from './started-in-post.v1.js';
import { sustainmentConfirmedV1 } from './sustainment-confirmed.v1.js';
import { sustainmentDueV1 } from './sustainment-due.v1.js';

/** An interview reports one of two milestones, by whether the participant came to it. */
export const interviewAttendanceMilestones = {
  attended: 'interview-held',
  missed: 'interview-missed',
} as const satisfies Record<InterviewAttendance, MilestoneCode>;

/**
 * Each employer event (newest versions) and the journey milestone it reports, as a code or, for
 * InterviewRecorded, by attendance: the journey and the referrer's closed loop name an employer
 * step by the same code. Read it with {@link employerMilestoneCode}.
 */
export const employerEventMilestones = [
  [placementProposedV1, 'placement-proposed'],
  [placementConfirmedV1, 'placement-confirmed'],
  [placementDeclinedV1, 'placement-declined'],
  [placementStartedV1, 'placement-started'],
  [placementCompletedV1, 'placement-completed'],
  [placementEndedEarlyV1, 'placement-ended-early'],
  [interviewScheduledV1, 'interview-scheduled'],
  [interviewRecordedV1, interviewAttendanceMilestones],
  [offerMadeV1, 'offer-made'],
  [offerAcceptedV1, 'offer-accepted'],
  [offerDeclinedV1, 'offer-declined'],
  [offerExpiredV1, 'offer-expired'],
  [offerWithdrawnV1, 'offer-withdrawn'],
  [employmentCheckUpdatedV1, 'check-updated'],
  [offerMadeUnconditionalV1, 'offer-made-unconditional'],
  [startDateAgreedV1, 'start-date-agreed'],
  [startedInPostV1, 'started-in-post'],
  [sustainmentDueV1, 'sustainment-due'],
  [sustainmentConfirmedV1, 'sustainment-confirmed'],
  [leftPostV1, 'left-post'],
] as const satisfies readonly (readonly [
  unknown,
  MilestoneCode | typeof interviewAttendanceMilestones,
])[];

/**
 * The employer events that report no journey milestone, so the bridge and the referrer's closed
 * loop let them pass (their consumers skip events they have no handler for). The journey keeps
 * no interview time or state: an interview is a recorded fact of employability support, with no
 * deadline or stage hanging on it, so a new time or a cancellation changes nothing it does. The
 * journey's milestone codes (and its table of where each is accepted) would need one of their
 * own for either to be shown there.
 */
export const employerEventsWithoutMilestone = [
  interviewRescheduledV1,
  interviewCancelledV1,
] as const;

/**
 * The milestone one employer event reports: its entry's code or, for an interview, the code of
 * its attendance (an interview event always carries one).
 */
export function employerMilestoneCode(
  reports: MilestoneCode | typeof interviewAttendanceMilestones,
  attendance: InterviewAttendance | undefined,
): MilestoneCode {
  if (typeof reports === 'string') return reports;
  return reports[attendance ?? 'attended'];
}
