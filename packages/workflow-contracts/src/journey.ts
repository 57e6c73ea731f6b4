import type {
  DeadlineName,
  DeadlineState,
  JourneyDeadlines,
  MilestoneCode,
  Outcome,
  Party,
  PreEmploymentCheck,
  Stage,
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
  state: DeadlineState;
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
