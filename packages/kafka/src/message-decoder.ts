import type { KafkaMessage } from 'kafkajs';
import type { EventEnvelope, ParseResult } from '@ladder/events';
import type { RunHandler } from './handler-registry.js';

/** A message as the runner sees it: an event for a handler, a type it skips, or not an event. */
export type DecodedMessage = { message: KafkaMessage } & (
  | { kind: 'event'; event: EventEnvelope; handler: RunHandler }
  | { kind: 'skip'; type: string }
  | { kind: 'invalid'; reason: string }
);

/** A message that is an event of a handled type, parsed and upcast. */
export type DecodedEvent = Extract<DecodedMessage, { kind: 'event' }>;

/**
 * Reads a message's type before parsing it: a type without a handler is skipped unparsed (a
 * consumer reads only what it handles), and only the rest pay for the schema.
 */
export function createMessageDecoder(
  handlers: ReadonlyMap<string, RunHandler>,
  parse: (raw: unknown) => ParseResult,
): (message: KafkaMessage) => DecodedMessage {
  return (message) => {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString() ?? '');
    } catch {
      return { message, kind: 'invalid', reason: 'not JSON' };
    }
    const type = (raw as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? handlers.get(type) : undefined;
    if (handler === undefined) {
      return typeof type === 'string'
        ? { message, kind: 'skip', type }
        : { message, kind: 'invalid', reason: 'no event type' };
    }
    const parsed = parse(raw);
    return parsed.ok
      ? { message, kind: 'event', event: parsed.event, handler }
      : { message, kind: 'invalid', reason: parsed.reason };
  };
}

/** The events of a run: the consecutive handled events of `messages` from `from` on. */
export function eventRunFrom(messages: readonly DecodedMessage[], from: number): DecodedEvent[] {
  const run: DecodedEvent[] = [];
  for (const message of messages.slice(from)) {
    if (message.kind !== 'event') break;
    run.push(message);
  }
  return run;
}
