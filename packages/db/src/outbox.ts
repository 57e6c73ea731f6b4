import type { EventEnvelope } from '@ladder/events';
import type { Queryable } from './pool.js';
import type { Statement } from './statement.js';

export interface OutboxMessage {
  topic: string;
  envelope: EventEnvelope;
}

/** Kafka headers carried from the outbox row, so traces and correlation ids cross the bus. */
export function headersFor(envelope: EventEnvelope): Record<string, string> {
  return {
    'event-id': envelope.id,
    'event-type': envelope.type,
    'event-version': String(envelope.version),
    'correlation-id': envelope.correlationId,
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
  };
}

/**
 * The statement that adds events to the outbox (at least one). Run it in the transaction of the
 * state change the events describe, so both commit or neither does. An event id already in the
 * outbox is skipped: a retried request that rebuilds the same event does not publish it twice.
 * Its text is the same however many events it adds, so it can be prepared.
 */
export function outboxStatement(messages: OutboxMessage[]): Statement {
  if (messages.length === 0) throw new Error('an outbox statement needs at least one message');
  return {
    text: `insert into ladder_outbox (event_id, topic, message_key, headers, payload)
     select event_id, topic, message_key, headers, payload
     from unnest($1::uuid[], $2::text[], $3::text[],
       string_to_array($4, E'\n')::json[], string_to_array($5, E'\n')::json[]) with ordinality
       as m(event_id, topic, message_key, headers, payload, n)
     order by n -- ids follow the messages' order
     on conflict (event_id) do nothing`,
    values: [
      messages.map((m) => m.envelope.id),
      messages.map((m) => m.topic),
      messages.map((m) => m.envelope.subject),
      // JSON.stringify never writes a raw newline, so the JSON texts travel as one text each,
      // split by newlines. As arrays, pg would quote every text and escape each quote inside it
      // (measured: about 4 us of the writer's CPU an event).
      messages.map((m) => JSON.stringify(headersFor(m.envelope))).join('\n'),
      messages.map((m) => JSON.stringify(m.envelope)).join('\n'),
    ],
  };
}

/** Adds events to the outbox, in the caller's transaction (see outboxStatement). */
export async function appendToOutbox(tx: Queryable, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  // Prepared once per connection: every service appends through it.
  await tx.query({ name: 'ladder-outbox-append', ...outboxStatement(messages) });
}
