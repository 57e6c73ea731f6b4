import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { EventHandler } from '@ladder/kafka';
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

/** The fields every training event carries that the bridge reads (a tolerant reader). */
interface TrainingEventData {
  participantId: string;
  programmeId: string;
  placeId: string;
  providerOrganisationId: string;
  occurredAt: string;
}

/**
 * The training service's events to the participant's journey: each is a `milestoneReported`
 * signal on `journey:<participantId>:<programmeId>`, carrying its event id so a redelivered
 * event is recorded once. The journey decides what each means for its stage (a participant may
 * take several courses; each place's facts are reported). With no running journey (it has ended)
 * there is nobody to tell: the event is skipped.
 */
export function trainingBridgeHandlers(client: Client): Record<string, EventHandler> {
  const report =
    (code: MilestoneCode): EventHandler =>
    async (event, { logger }) => {
      const data = event.data as TrainingEventData;
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
  return Object.fromEntries(
    Object.entries(trainingMilestones).map(([type, code]) => [type, report(code)]),
  );
}
