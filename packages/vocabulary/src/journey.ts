/**
 * The journey's words: where a participant is, how a journey ends, what can happen on the way and
 * who the journey waits on. Codes only; the journey workflow, the events, the APIs and the read
 * models all take their closed sets from here.
 */

/** The stages of a journey, in the order a journey usually runs through them. */
export const stages = [
  'referral',
  'engagement',
  'training',
  'employability',
  'placement',
  'offer',
  'pre-employment-checks',
  'in-work',
  'closed',
] as const;
export type Stage = (typeof stages)[number];

/** Every outcome a journey can record; each is recorded at most once per journey. */
export const outcomes = [
  'hired',
  'sustained-13-weeks',
  'sustained-26-weeks',
  /** Left the post before 26 weeks: the job did not last. */
  'not-sustained',
  'work-experience',
  'further-education',
  'volunteering',
  'withdrawn',
  'not-eligible',
  'disengaged',
] as const;
export type Outcome = (typeof outcomes)[number];

/** Outcomes that end a journey: nothing happens on it after one of these. */
export const endingOutcomes = [
  'sustained-26-weeks',
  'not-sustained',
  'work-experience',
  'further-education',
  'volunteering',
  'withdrawn',
  'not-eligible',
  'disengaged',
] as const satisfies readonly Outcome[];
export type EndingOutcome = (typeof endingOutcomes)[number];

/** Outcomes the programme counts as successes (the BLMK figures count each of these). */
export const successOutcomes = [
  'hired',
  'sustained-13-weeks',
  'sustained-26-weeks',
  'work-experience',
  'further-education',
  'volunteering',
] as const satisfies readonly Outcome[];

export const isEndingOutcome = (outcome: Outcome): boolean =>
  (endingOutcomes as readonly Outcome[]).includes(outcome);
export const isSuccessOutcome = (outcome: Outcome): boolean =>
  (successOutcomes as readonly Outcome[]).includes(outcome);

/** Who a journey waits on. */
export const parties = [
  'programme-operator',
  'training-provider',
  'employer',
  'participant',
  'referrer',
  'third-party',
] as const;
export type Party = (typeof parties)[number];

/**
 * What can happen on a journey, reported by the service that saw it. Grouped by the stage where it
 * usually happens; the journey's state machine decides where each is allowed.
 */
export const milestoneCodes = [
  // engagement
  'acknowledged',
  'first-contact',
  'mentor-assigned',
  'action-plan-agreed',
  // training (the training service)
  'training-place-requested',
  'training-waitlisted',
  'training-seat-offered',
  'training-seat-offer-lapsed',
  'training-enrolled',
  'training-session-recorded',
  'training-at-risk',
  'training-completed',
  'training-withdrawn',
  'progressed-to-further-education',
  // employability support (CV, applications, interviews, mentoring)
  'cv-drafted',
  'cv-reviewed',
  'cv-ready',
  'application-submitted',
  'application-outcome',
  'mock-interview-held',
  'mock-interview-missed',
  'mentoring-session-held',
  'mentoring-session-missed',
  'volunteering-started',
  // placement (the employer service)
  'placement-proposed',
  'placement-matched',
  'placement-confirmed',
  'placement-declined',
  'placement-started',
  'placement-completed',
  'placement-ended-early',
  // offer
  'interview-scheduled',
  'interview-held',
  'interview-missed',
  'offer-made',
  'offer-accepted',
  'offer-declined',
  'offer-expired',
  'offer-withdrawn',
  // pre-employment checks
  'check-updated',
  'check-cleared',
  'check-failed',
  'offer-made-unconditional',
  'start-date-agreed',
  // in work
  'started-in-post',
  'sustainment-due',
  'sustainment-confirmed',
  'left-post',
] as const;
export type MilestoneCode = (typeof milestoneCodes)[number];

/** Why the journey refused a reported milestone (shown in its query, never silently applied). */
export const milestoneRefusals = [
  /** The milestone has no place in the journey's current stage. */
  'not-allowed-in-stage',
  /** Something that must come first has not happened (an offer accepted with no offer made). */
  'missing-prerequisite',
  /** The journey has ended; nothing more happens on it. */
  'journey-ended',
  /** The report lacks a field its code needs (a check update with no check or status). */
  'incomplete-report',
  /** The check was cleared or failed already; a decided check does not change. */
  'check-already-decided',
  /** Staff asked to record a milestone another service reports (a placement, a course, an offer). */
  'not-recorded-by-staff',
  /** A field is not what its code takes: an id that is not an opaque id, an unknown outcome. */
  'invalid-report',
] as const;
export type MilestoneRefusal = (typeof milestoneRefusals)[number];

/** Warnings a journey raises while it carries on (shown in its query until they are resolved). */
export const journeyWarnings = [
  /** A training provider says a course is at risk (attendance or progress). */
  'training-at-risk',
] as const;
export type JourneyWarning = (typeof journeyWarnings)[number];

/** The weeks in post at which a job counts as sustained (each is an outcome of its own). */
export const sustainmentWeeks = [13, 26] as const;
export type SustainmentWeeks = (typeof sustainmentWeeks)[number];
