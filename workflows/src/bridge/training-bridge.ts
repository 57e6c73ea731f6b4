import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { trainingEventMilestones } from '@ladder/events';
import { on, type EventSubscription, type HandlerContext } from '@ladder/kafka';
import type { MilestoneCode } from '@ladder/vocabulary';
import { journeyWorkflowId, milestoneReported } from '@ladder/workflow-contracts';

/** What every training event carries that the bridge reads (each schema has these fields). */
interface TrainingEvent {
  id: string;
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
  const report = async (
    code: MilestoneCode,
    event: TrainingEvent,
    { logger }: HandlerContext,
  ): Promise<void> => {
    const { data } = event;
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
  return trainingEventMilestones.map(([definition, code]) =>
    on(definition, (event, context) => report(code, event, context)),
  );
}
