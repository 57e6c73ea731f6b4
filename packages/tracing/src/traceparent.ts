import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A W3C traceparent header value, if the string is one. */
export const asTraceparent = (value: unknown): string | undefined =>
  typeof value === 'string' && traceparentPattern.test(value) ? value : undefined;

/** The active span as a W3C traceparent: what an event written now carries forward. */
export function activeTraceparent(): string | undefined {
  if (!trace.getSpan(context.active())) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return asTraceparent(carrier.traceparent);
}

/**
 * The traceparent an event written now should carry: the active span's where tracing is on, else
 * the one that came in (a caller's header, the event being handled), so a trace started outside
 * Ladder is never dropped.
 */
export const traceparentFor = (incoming: unknown): string | undefined =>
  activeTraceparent() ?? asTraceparent(incoming);

/** The context a traceparent continues (the root context if there is none). */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
