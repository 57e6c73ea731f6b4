import type { OutboxMessage } from '@ladder/db';
import { createEnvelope, topics, type EventDefinition } from '@ladder/events';
import type { z } from 'zod';
import type { Place } from '../db/places.repository.js';

export const serviceName = 'training-service';

/** The ids that follow a request into its events. */
export interface EventContext {
  correlationId: string;
  traceparent?: string;
  now: Date;
}

/**
 * One of a place's events, for the outbox: the place's ids plus the event's own codes and
 * counts. Subject (and Kafka key) = the participant, so one participant's events stay in order.
 */
export function placeEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  place: Pick<
    Place,
    'id' | 'participantId' | 'programmeId' | 'intakeId' | 'courseId' | 'providerOrganisationId'
  >,
  extra: Omit<z.input<Schema>, keyof PlaceIds>,
  ctx: EventContext,
): OutboxMessage {
  const ids: PlaceIds = {
    placeId: place.id,
    participantId: place.participantId,
    programmeId: place.programmeId,
    intakeId: place.intakeId,
    courseId: place.courseId,
    providerOrganisationId: place.providerOrganisationId,
    occurredAt: ctx.now.toISOString(),
  };
  return {
    topic: topics.training.name,
    envelope: createEnvelope(definition, { ...ids, ...extra } as z.input<Schema>, {
      source: serviceName,
      subject: place.participantId,
      correlationId: ctx.correlationId,
      occurredAt: ctx.now,
      ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
    }),
  };
}

interface PlaceIds {
  placeId: string;
  participantId: string;
  programmeId: string;
  intakeId: string;
  courseId: string;
  providerOrganisationId: string;
  occurredAt: string;
}
