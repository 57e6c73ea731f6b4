import type {
  ApplicationOutcome,
  ConsentPurpose,
  ConsentRecipient,
  CheckOwner,
  CheckStatus,
  CourseStatus,
  CvStatus,
  DeadlineName,
  DeadlineState,
  JourneyDeadlines,
  JourneyWarning,
  MilestoneCode,
  MilestoneRefusal,
  Outcome,
  Party,
  PlacementKind,
  PreEmploymentCheck,
  Stage,
  StaffMilestone,
  SupportStep,
  SustainmentWeeks,
} from '@ladder/vocabulary';

/** One journey per participant and programme: the id is the business key, so a redelivered start changes nothing. */
export const journeyTaskQueue = 'ladder-journeys';
export const journeyWorkflowType = 'journeyWorkflow';
export const journeyWorkflowId = (participantId: string, programmeId: string): string =>
  `journey:${participantId}:${programmeId}`;

/** The workflow's input: ids and codes only, never personal data. */
export interface JourneyInput {
  referralId: string;
  participantId: string;
  programmeId: string;
  referrerOrganisationId: string;
  eligible: boolean;
  deadlines: JourneyDeadlines;
  /** When the referral was accepted; deadlines count from here. */
  submittedAt: string;
  /**
   * The bank holidays (`YYYY-MM-DD`) of the programme's nation for the years the journey may run,
   * which working days skip; absent on journeys started before they were modelled.
   */
  bankHolidays?: string[];
}

/**
 * A milestone as the bridge reports it. Every field after `by` is optional and was added with the
 * journey's state machine: recorded histories and journeys started before it carry reports
 * without them, so the workflow must read a report that lacks them.
 */
export interface MilestoneReport {
  /** The id of the event it came from: the same event twice is recorded once. */
  eventId: string;
  code: MilestoneCode;
  occurredAt: string;
  /** Which of the six checks (`check-updated`, `check-cleared`, `check-failed`). */
  check?: PreEmploymentCheck;
  /** The organisation that reported it. */
  by?: string;
  /**
   * What the milestone is about, where a journey can have several: the enrolment id for training
   * milestones (each course is tracked apart), the placement, application or offer id otherwise.
   */
  ref?: string;
  /** `check-updated`: where the check stands now. */
  checkStatus?: CheckStatus;
  /** `check-updated`: who holds the check's next action. */
  checkOwner?: CheckOwner;
  /**
   * `check-updated`: when the check's next action is due; `sustainment-due`: when the employer's
   * answer is due (ISO 8601).
   */
  dueAt?: string;
  /** `sustainment-due` and `sustainment-confirmed`: which mark in post (13 or 26 weeks). */
  weeks?: SustainmentWeeks;
  /** A reason code from the vocabulary (`left-post`, `offer-declined`, `check-failed`, ...). */
  reasonCode?: string;
  /** `placement-proposed`, `-confirmed` and `-completed`: the kind of placement (`ref` names it). */
  placementKind?: PlacementKind;
  /** `application-outcome`: what came of the application (`ref` names it, if given). */
  applicationOutcome?: ApplicationOutcome;
}

/**
 * What a staff member records on a journey (the `recordMilestone` update): a code from
 * `staffMilestones` and, as the code needs them, the application it is about and its outcome.
 * Ids and codes only: `ref` and `recordedBy` must be opaque ids (`opaqueIdPattern`), never a name
 * or a note.
 */
export interface StaffMilestoneRecord {
  code: StaffMilestone;
  /**
   * What it is about, where there can be several: for `application-submitted` and
   * `application-outcome`, the application (or the vacancy applied for).
   */
  ref?: string;
  /** Needed by `application-outcome`, refused on any other code. */
  applicationOutcome?: ApplicationOutcome;
  /** The staff member who recorded it (an opaque id from the operator's sign-in). */
  recordedBy: string;
}

/**
 * The ApplicationFailure `type` with which `recordMilestone` is refused; its message (and first
 * detail) is the reason, a code from `milestoneRefusals`.
 */
export const milestoneRefusedFailureType = 'MilestoneRefused';

/** One pre-employment check as the journey's query shows it: who is holding up a start. */
export interface CheckProgress {
  status: CheckStatus;
  owner: CheckOwner | null;
  dueAt: string | null;
}

/** A milestone the journey refused: recorded, never applied, never moving the stage. */
export interface RefusedMilestone {
  eventId: string;
  code: MilestoneCode;
  at: string;
  /** The stage the journey was in when it refused it. */
  stage: Stage;
  reason: MilestoneRefusal;
  ref?: string;
}

/** One course (enrolment) on the journey; the training stage lasts while any is `enrolled`. */
export interface CourseProgress {
  ref: string;
  status: CourseStatus;
}

/** A recorded milestone, with the details the journey needs again later. */
export interface RecordedMilestone {
  code: string;
  at: string;
  check?: PreEmploymentCheck;
  ref?: string;
  weeks?: SustainmentWeeks;
  placementKind?: PlacementKind;
  applicationOutcome?: ApplicationOutcome;
}

/** A change to the participant's consent, from the referral service's events (codes only). */
export interface ConsentChange {
  /** The id of the event it came from: the same event twice is applied once. */
  eventId: string;
  change: 'withdrawn' | 'renewed' | 'expired';
  at: string;
  /** Withdrawn: the purposes and recipients it names (empty: all). */
  purposes?: ConsentPurpose[];
  recipients?: ConsentRecipient[];
  /** Renewed: the new expiry. */
  expiresAt?: string;
}

/** Where the participant's consent stands, as far as the journey has been told. */
export interface JourneyConsent {
  /** Expired and not yet renewed: nothing is released, and the journey asks for renewal. */
  expired: boolean;
  expiresAt?: string;
  withdrawals: { purposes: ConsentPurpose[]; recipients: ConsentRecipient[]; at: string }[];
}

export interface Deadline {
  name: DeadlineName;
  dueAt: string;
  waitingFor: string;
  from: Party;
  state: DeadlineState;
  extendedByDays: number;
}

/** A job application the participant made, as staff recorded it. */
export interface JobApplication {
  /** The application (or vacancy) id it was recorded with; null when none was given. */
  ref: string | null;
  submittedAt: string;
  /** Null until its outcome is recorded. */
  outcome: ApplicationOutcome | null;
  outcomeAt: string | null;
}

/** Sessions held and missed (mock interviews, mentoring). */
export interface SessionCounts {
  held: number;
  missed: number;
}

/**
 * The employability support on a journey, worked out from its milestones: CV, applications,
 * mock interviews, mentoring, volunteering, and which support steps are still to do.
 */
export interface SupportProgress {
  cv: CvStatus;
  applications: JobApplication[];
  mockInterviews: SessionCounts;
  mentoringSessions: SessionCounts;
  /** When `volunteering-started` was first recorded; null if never. */
  volunteeringSince: string | null;
  /**
   * Support steps not done yet, in `supportSteps` order, while the journey is in engagement or
   * looking for work (training, employability, placement, offer); empty from an accepted offer on
   * and once the journey has ended.
   */
  stillToDo: SupportStep[];
}

export interface JourneyState {
  referralId: string;
  participantId: string;
  programmeId: string;
  stage: Stage;
  waitingFor: { what: string; from: Party } | null;
  deadlines: Deadline[];
  milestones: RecordedMilestone[];
  checks: Record<PreEmploymentCheck, CheckProgress>;
  outcomes: { outcome: Outcome; at: string; reasonCode?: string }[];
  /** The mentor assigned last (`reassignMentor`), an opaque staff id. */
  mentorId: string | null;
  /** Employability support and what of it is still to do (worked out afresh for each answer). */
  support: SupportProgress;
  /** Event ids already applied (a bounded window, carried across continue-as-new). */
  seenEventIds: string[];
  /** Numbers the events this journey publishes, so their ids are stable across retries. */
  published: number;
  /**
   * Which rules run this journey: `state-machine` (guarded transitions, refusals) for journeys
   * started since patch `journey-state-machine`; absent for journeys started before it, whose
   * stage is still derived from the set of milestones.
   */
  rules?: 'state-machine';
  /**
   * `from-first-meeting`: the action plan is due 20 working days (the programme's setting) after
   * the first meeting, as DWP guidance says, for journeys started since patch
   * `action-plan-from-first-meeting`; absent: after the referral, as before.
   */
  deadlineRules?: 'from-first-meeting';
  /**
   * `from-employer`: the sustained-13/26-weeks outcomes come from the employer's confirmation and
   * an unanswered sustainment mark is chased, for journeys started since patch
   * `sustainment-from-employer`; absent: the clock records them 13 and 26 weeks after the start.
   */
  sustainmentRules?: 'from-employer';
  /** Set once the journey hears of a change to the participant's consent. */
  consent?: JourneyConsent;
  /** Refused milestones, newest last (a bounded window); state-machine journeys only. */
  refusals: RefusedMilestone[];
  /** Warnings still open, such as a course at risk. */
  warnings: { code: JourneyWarning; ref?: string; at: string }[];
  /** Each course the participant enrolled on, and where it stands. */
  courses: CourseProgress[];
  /** Index into `milestones` where the current stage began: facts that count for this visit only. */
  stageSince: number;
}
