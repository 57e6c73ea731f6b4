import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeadlineName, Outcome } from '@ladder/vocabulary';
import type {
  ConsentChange,
  JourneyState,
  MilestoneReport,
  StaffMilestoneRecord,
} from './journey.js';

/** Sent with the start (signal-with-start): a redelivered ReferralSubmitted carries the same event id. */
export const referralSubmitted: SignalDefinition<[{ eventId: string }]> =
  defineSignal('referralSubmitted');

/** Training, employer and referral events reach the journey through the bridge as signals. */
export const milestoneReported: SignalDefinition<[MilestoneReport]> =
  defineSignal('milestoneReported');
export const referralWithdrawn: SignalDefinition<
  [{ eventId: string; reasonCode: string; occurredAt: string }]
> = defineSignal('referralWithdrawn');

/** Consent withdrawn, renewed or expired (the referral service's consent events, via the bridge). */
export const consentChanged: SignalDefinition<[ConsentChange]> = defineSignal('consentChanged');

export const journeyState: QueryDefinition<JourneyState> = defineQuery('journeyState');

/** Ops actions: validated before they are accepted. */
export const withdraw: UpdateDefinition<JourneyState, [{ reasonCode: string }]> =
  defineUpdate('withdraw');
export const extendDeadline: UpdateDefinition<
  JourneyState,
  [{ deadline: DeadlineName; days: number }]
> = defineUpdate('extendDeadline');
/**
 * Assigns (or changes) the participant's mentor: the `mentor-assigned` milestone, published as
 * JourneyMilestoneRecorded. `recordedBy`: the staff member who did it (optional, for callers
 * written before it existed).
 */
export const reassignMentor: UpdateDefinition<
  JourneyState,
  [{ mentorId: string; recordedBy?: string }]
> = defineUpdate('reassignMentor');
/**
 * A milestone staff record (engagement, CV, applications, mock interviews, mentoring,
 * volunteering), applied by the same state machine as reported ones and published as
 * JourneyMilestoneRecorded. Its validator refuses what the state machine would refuse, with an
 * ApplicationFailure of type `milestoneRefusedFailureType` whose message is the reason code;
 * a refused update leaves no trace on the journey. Returns the state as the query shows it.
 */
export const recordMilestone: UpdateDefinition<JourneyState, [StaffMilestoneRecord]> =
  defineUpdate('recordMilestone');
export const recordOutcome: UpdateDefinition<
  JourneyState,
  [{ outcome: Outcome; reasonCode?: string }]
> = defineUpdate('recordOutcome');
