import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import {
  progressedToFurtherEducationV1,
  trainingAtRiskV1,
  trainingCompletedV1,
  trainingEnrolledV1,
  trainingPlaceRequestedV1,
  trainingSeatOfferedV1,
  trainingSessionRecordedV1,
  trainingWaitlistedV1,
  trainingWithdrawnV1,
} from '@ladder/events';
import { on, type EventSubscription, type HandlerContext } from '@ladder/kafka';
import type { MilestoneCode } from '@ladder/vocabulary';
import { journeyWorkflowId, milestoneReported } from '@ladder/workflow-contracts';

/** Each training event and the journey milestone it reports. */
export const trainingMilestones = {
  TrainingPlaceRequested: 'training-place-requested',
  TrainingWaitlisted: 'training-waitlisted',
  TrainingSeatOffered: 'training-seat-offered',
  TrainingEnrolled: 'training-enrolled',
  TrainingSessionRecorded: 'training-session-recorded',
  TrainingAtRisk: 'training-at-risk',
  TrainingCompleted: 'training-completed',
  TrainingWithdrawn: 'training-withdrawn',
  ProgressedToFurtherEducation: 'progressed-to-further-education',
} as const satisfies Record<string, MilestoneCode>;

/** What every training event carries that the bridge reads (each schema has these fields). */
interface TrainingEvent {
  id: string;
  type: keyof typeof trainingMilestones;
  data: {
    participantId: string;
    programmeId: string;
    placeId: string;
    providerOrganisationId: string;
    occurredAt: string;
  };
}

/**
 * The training service's events to the participant's journey: each is a `milestoneReported`
 * signal on `journey:<participantId>:<programmeId>`, carrying its event id so a redelivered
 * event is recorded once. The journey decides what each means for its stage (a participant may
 * take several courses; each place's facts are reported). With no running journey (it has ended)
 * there is nobody to tell: the event is skipped.
 */
export function trainingBridgeHandlers(client: Client): EventSubscription[] {
  const report = async (event: TrainingEvent, { logger }: HandlerContext): Promise<void> => {
    const { data } = event;
    const code = trainingMilestones[event.type];
    const workflowId = journeyWorkflowId(data.participantId, data.programmeId);
    try {
      await client.workflow.getHandle(workflowId).signal(milestoneReported, {
        eventId: event.id,
        code,
        occurredAt: data.occurredAt,
        by: data.providerOrganisationId,
        // The place is the course's reference: a participant's courses are tracked apart.
        ref: data.placeId,
      });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      logger.info({ workflowId, code }, 'no running journey for this training event; skipped');
    }
  };
  return [
    on(trainingPlaceRequestedV1, report),
    on(trainingWaitlistedV1, report),
    on(trainingSeatOfferedV1, report),
    on(trainingEnrolledV1, report),
    on(trainingSessionRecordedV1, report),
    on(trainingAtRiskV1, report),
    on(trainingCompletedV1, report),
    on(trainingWithdrawnV1, report),
    on(progressedToFurtherEducationV1, report),
  ];
}
