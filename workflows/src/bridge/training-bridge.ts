import type { Client } from '@temporalio/client';
import { trainingEventMilestones } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import { reportMilestone } from './journey-signals.js';

/**
 * The training service's events to the participant's journey: each is a `milestoneReported`
 * signal on `journey:<participantId>:<programmeId>`, carrying its event id so a redelivered
 * event is recorded once. The journey decides what each means for its stage (a participant may
 * take several courses; each place's facts are reported). With no running journey (it has ended)
 * there is nobody to tell: the event is skipped.
 */
export function trainingBridgeHandlers(client: Client): EventSubscription[] {
  return trainingEventMilestones.map(([definition, code]) =>
    on(definition, ({ id, data }, { logger }) =>
      reportMilestone(
        client,
        data,
        {
          eventId: id,
          code,
          occurredAt: data.occurredAt,
          by: data.providerOrganisationId,
          // The place is the course's reference: a participant's courses are tracked apart.
          ref: data.placeId,
        },
        logger,
      ),
    ),
  );
}
