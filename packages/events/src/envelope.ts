import { z } from 'zod';

/**
 * Every event travels in this envelope. `id` is the dedupe key consumers record; `subject` is the
 * participant (or aggregate) id and the Kafka key, so one participant's events stay in order.
 * Events carry ids and codes only: never names, dates of birth or contact details.
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[A-Z][A-Za-z]+$/, 'a past-tense PascalCase event name'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  subject: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'a W3C traceparent')
    .optional(),
  data: z.unknown(),
});

export type RawEnvelope = z.infer<typeof envelopeSchema>;

/** An envelope whose `data` has been checked against its event's schema. */
export interface EventEnvelope<Type extends string = string, Data = unknown> extends Omit<
  RawEnvelope,
  'data' | 'type'
> {
  type: Type;
  data: Data;
}
