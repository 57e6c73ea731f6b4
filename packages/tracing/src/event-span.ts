import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
} from '@opentelemetry/api';
import { contextOf } from './traceparent.js';

const tracer = () => trace.getTracer('@ladder/tracing');

/** What an event span names: the event's type and id (and the trace it continues). */
export interface TracedEvent {
  id: string;
  type: string;
  traceparent?: string | undefined;
}

/**
 * Runs a consumer's handling of one event in a span that continues the event's trace (its
 * traceparent was the writer's active span), so a trace joins every hop through Kafka. Whatever
 * the handler writes or calls inside (follow-up events, Temporal) is a child of it.
 */
export function inEventSpan<T>(
  event: TracedEvent,
  topic: string,
  handle: () => Promise<T>,
): Promise<T> {
  return inSpan(
    `consume ${event.type}`,
    { ...messaging(topic), 'messaging.message.id': event.id },
    contextOf(event.traceparent),
    [],
    handle,
  );
}

/**
 * Runs a batch handler's handling of a run of events in one span, linked to each event's trace:
 * the batch belongs to no single trace, but each trace shows where its event was handled.
 */
export function inBatchSpan<T>(
  events: readonly TracedEvent[],
  type: string,
  topic: string,
  handle: () => Promise<T>,
): Promise<T> {
  const links = events
    .map((e) => trace.getSpanContext(contextOf(e.traceparent)))
    .filter((c) => c !== undefined)
    .map((c) => ({ context: c }));
  return inSpan(
    `consume ${type}`,
    { ...messaging(topic), 'messaging.batch.message_count': events.length },
    context.active(),
    links,
    handle,
  );
}

const messaging = (topic: string) => ({
  'messaging.system': 'kafka',
  'messaging.operation.type': 'process',
  'messaging.destination.name': topic,
});

function inSpan<T>(
  name: string,
  attributes: Attributes,
  parent: Context,
  links: Link[],
  handle: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: SpanKind.CONSUMER, attributes, links },
    parent,
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        // The error's name only: messages are for logs, which redact what they must.
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
