import type { OutboxMessage } from '@ladder/db';
import { createEnvelope, topics, type EventDefinition } from '@ladder/events';
import type { z } from 'zod';

export const serviceName = 'employer-service';

/** Who caused an event: a request's actor, or a job with its own correlation id. */
export interface EventCause {
  correlationId: string;
  traceparent?: string;
}

/**
 * One of this service's events, for the outbox. Subject (and Kafka key) = the participant, so
 * that one participant's placement, interview and offer events stay in order.
 */
export function employerEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  participantId: string,
  data: z.input<Schema>,
  cause: EventCause,
  now: Date,
): OutboxMessage {
  return {
    topic: topics.employers.name,
    envelope: createEnvelope(definition, data, {
      source: serviceName,
      subject: participantId,
      correlationId: cause.correlationId,
      occurredAt: now,
      ...(cause.traceparent ? { traceparent: cause.traceparent } : {}),
    }),
  };
}
