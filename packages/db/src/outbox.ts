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
 */
export function outboxStatement(messages: OutboxMessage[]): Statement {
  if (messages.length === 0) throw new Error('an outbox statement needs at least one message');
  const values: unknown[] = [];
  const rows = messages.map(({ topic, envelope }, i) => {
    values.push(
      envelope.id,
      topic,
      envelope.subject,
      JSON.stringify(headersFor(envelope)),
      JSON.stringify(envelope),
    );
    const p = i * 5;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
  });
  return {
    text: `insert into ladder_outbox (event_id, topic, message_key, headers, payload) values ${rows.join(', ')}
     on conflict (event_id) do nothing`,
    values,
  };
}

/** Adds events to the outbox, in the caller's transaction (see outboxStatement). */
export async function appendToOutbox(tx: Queryable, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.query(outboxStatement(messages));
}
