import type {
  ApplicationOutcome,
  DeadlineName,
  Outcome,
  Party,
  Stage,
  StaffRecordedMilestone,
} from '@ladder/vocabulary';

/** The deadlines a journey chases (JourneyStalled): those whose passing records no outcome. */
export type ChasedDeadline = Exclude<DeadlineName, 'work-experience-follow-up'>;

/** What the workflow asks its activity to publish; ids and codes only. */
export type JourneyEventToPublish =
  | {
      kind: 'stage-changed';
      sequence: number;
      stage: Stage;
      previousStage: Stage | null;
      occurredAt: string;
    }
  | {
      kind: 'outcome-recorded';
      sequence: number;
      outcome: Outcome;
      reasonCode?: string;
      final: boolean;
      occurredAt: string;
    }
  | {
      kind: 'stalled';
      sequence: number;
      stage: Stage;
      deadline: ChasedDeadline;
      dueAt: string;
      waitingFor: string;
      from: Party;
      escalated: boolean;
      occurredAt: string;
    }
  | {
      kind: 'milestone-recorded';
      sequence: number;
      code: StaffRecordedMilestone;
      ref?: string;
      applicationOutcome?: ApplicationOutcome;
      mentorId?: string;
      recordedBy?: string;
      occurredAt: string;
    };

/** An event before the workflow numbers it. */
export type UnnumberedJourneyEvent = JourneyEventToPublish extends infer E
  ? E extends unknown
    ? Omit<E, 'sequence'>
    : never
  : never;

export interface PublishJourneyEventsInput {
  workflowId: string;
  referralId: string;
  participantId: string;
  programmeId: string;
  events: JourneyEventToPublish[];
}
