import type { Caller } from '@ladder/auth';
import type { FastifyRequest } from 'fastify';
import { traceparentFor } from '@ladder/tracing';

/** The authenticated caller; routes run after requireScope, so it is always there. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route reached without an authenticated caller');
  return request.caller;
}

/** Who is asking and the ids that follow the request into events and logs. */
export function requestContext(request: FastifyRequest): {
  organisationId: string;
  correlationId: string;
  traceparent?: string;
} {
  // The request's span where tracing is on, else a well-formed traceparent the caller sent.
  const traceparent = traceparentFor(request.headers.traceparent);
  return {
    organisationId: callerOf(request).organisationId,
    correlationId: request.id,
    ...(traceparent ? { traceparent } : {}),
  };
}
