import type { z } from 'zod';
import type { EventDefinition } from './define-event.js';
import type { EventEnvelope } from './envelope.js';
import { timeOrderedId } from './time-ordered-id.js';

export interface EnvelopeContext {
  source: string;
  subject: string;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /**
   * Defaults to a new time-ordered uuid (v7), so the indexes that hold event ids (the outbox's,
   * each consumer's processed events) grow at one end instead of at random places. Pass a stable
   * one to make a retried write produce the same event.
   */
  id?: string;
}

/** Builds an envelope, validating the data first so an invalid event never reaches the outbox. */
export function createEnvelope<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  data: z.input<Schema>,
  context: EnvelopeContext,
): EventEnvelope<Type, z.output<Schema>> {
  return {
    id: context.id ?? timeOrderedId(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    source: context.source,
    subject: context.subject,
    correlationId: context.correlationId,
    ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
    ...(context.traceparent === undefined ? {} : { traceparent: context.traceparent }),
    data: definition.data.parse(data),
  };
}
