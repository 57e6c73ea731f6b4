import type { Actor } from '@ladder/auth';
import type { OutboxMessage } from '@ladder/db';
import { createEnvelope, topics, type EventDefinition } from '@ladder/events';
import type { z } from 'zod';
import type { Placement } from '../db/placements.repository.js';

export const serviceName = 'employer-service';

interface PlacementIds {
  placementId: string;
  participantId: string;
  programmeId: string;
  slotId: string;
  employerOrganisationId: string;
  occurredAt: string;
}

/**
 * One of a placement's events, for the outbox: the placement's ids plus the event's own codes.
 * Subject (and Kafka key) = the participant, so one participant's events stay in order.
 */
export function placementEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  placement: Pick<
    Placement,
    'id' | 'participantId' | 'programmeId' | 'slotId' | 'employerOrganisationId'
  >,
  extra: Omit<z.input<Schema>, keyof PlacementIds>,
  actor: Actor,
  now: Date,
): OutboxMessage {
  const ids: PlacementIds = {
    placementId: placement.id,
    participantId: placement.participantId,
    programmeId: placement.programmeId,
    slotId: placement.slotId,
    employerOrganisationId: placement.employerOrganisationId,
    occurredAt: now.toISOString(),
  };
  return {
    topic: topics.employers.name,
    envelope: createEnvelope(definition, { ...ids, ...extra } as z.input<Schema>, {
      source: serviceName,
      subject: placement.participantId,
      correlationId: actor.correlationId,
      occurredAt: now,
      ...(actor.traceparent ? { traceparent: actor.traceparent } : {}),
    }),
  };
}
