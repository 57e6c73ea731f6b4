/** One journey per participant and programme: the id is the business key, so a redelivered start changes nothing. */
export const journeyTaskQueue = 'ladder-journeys';
export const journeyWorkflowType = 'journeyWorkflow';
export const journeyWorkflowId = (participantId: string, programmeId: string): string =>
  `journey:${participantId}:${programmeId}`;

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

export const outcomes = [
  'hired',
  'sustained-13-weeks',
  'sustained-26-weeks',
  'work-experience',
  'further-education',
  'volunteering',
  'withdrawn',
  'not-eligible',
  'disengaged',
] as const;
export type Outcome = (typeof outcomes)[number];

/** Outcomes that end a journey (sustained-26-weeks ends it too, by the timer). */
export const endingOutcomes: readonly Outcome[] = [
  'withdrawn',
  'not-eligible',
  'disengaged',
  'work-experience',
  'further-education',
  'volunteering',
  'sustained-26-weeks',
];

/** The NHS Employment Check Standards: six checks, run in parallel. */
export const preEmploymentChecks = [
  'identity',
  'right-to-work',
  'registration-and-qualifications',
  'employment-history-and-references',
  'criminal-record-and-barring',
  'work-health-assessment',
] as const;
export type PreEmploymentCheck = (typeof preEmploymentChecks)[number];

export const milestoneCodes = [
  'acknowledged',
  'first-contact',
  'mentor-assigned',
  'action-plan-agreed',
  'training-enrolled',
  'training-completed',
  'placement-matched',
  'placement-confirmed',
  'placement-started',
  'placement-completed',
  'interview-held',
  'offer-made',
  'offer-accepted',
  'offer-declined',
  'check-cleared',
  'check-failed',
  'started-in-post',
  'left-post',
] as const;
export type MilestoneCode = (typeof milestoneCodes)[number];

export const deadlineNames = [
  'acknowledge',
  'first-contact',
  'action-plan',
  'training-completion',
  'placement-confirmation',
  'offer-response',
  'pre-employment-checks',
] as const;
export type DeadlineName = (typeof deadlineNames)[number];

/** Who the journey waits on at each stage (for the ops view and the referrer). */
export type Party = 'programme-operator' | 'training-provider' | 'employer' | 'participant';

export interface JourneyDeadlineRules {
  acknowledgeWorkingDays: number;
  firstContactWorkingDays: number;
  actionPlanWorkingDays: number;
  trainingCompletionDays: number;
  placementConfirmationDays: number;
  offerResponseDays: number;
  preEmploymentChecksDays: number;
}

/**
 * DWP provider guidance for similar programmes: acknowledge within 2 working days, first meeting
 * within 15, action plan within 20; the later limits are Ladder's defaults. Programmes may differ.
 */
export const guidanceDeadlines: JourneyDeadlineRules = {
  acknowledgeWorkingDays: 2,
  firstContactWorkingDays: 15,
  actionPlanWorkingDays: 20,
  trainingCompletionDays: 84,
  placementConfirmationDays: 28,
  offerResponseDays: 10,
  preEmploymentChecksDays: 42,
};

/** The workflow's input: ids and codes only, never personal data. */
export interface JourneyInput {
  referralId: string;
  participantId: string;
  programmeId: string;
  referrerOrganisationId: string;
  eligible: boolean;
  deadlines: JourneyDeadlineRules;
  /** When the referral was accepted; deadlines count from here. */
  submittedAt: string;
}

export interface MilestoneReport {
  /** The id of the event it came from: the same event twice is recorded once. */
  eventId: string;
  code: MilestoneCode;
  occurredAt: string;
  check?: PreEmploymentCheck;
  /** The organisation that reported it. */
  by?: string;
}

export interface Deadline {
  name: DeadlineName;
  dueAt: string;
  waitingFor: string;
  from: Party;
  state: 'open' | 'met' | 'missed' | 'escalated';
  extendedByDays: number;
}

export interface JourneyState {
  referralId: string;
  participantId: string;
  programmeId: string;
  stage: Stage;
  waitingFor: { what: string; from: Party } | null;
  deadlines: Deadline[];
  milestones: { code: string; at: string; check?: PreEmploymentCheck }[];
  checks: Record<PreEmploymentCheck, 'pending' | 'cleared' | 'failed'>;
  outcomes: { outcome: Outcome; at: string; reasonCode?: string }[];
  mentorId: string | null;
  /** Event ids already applied (a bounded window, carried across continue-as-new). */
  seenEventIds: string[];
  /** Numbers the events this journey publishes, so their ids are stable across retries. */
  published: number;
}
