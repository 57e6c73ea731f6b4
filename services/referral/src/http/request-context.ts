import type { Caller } from '@ladder/auth';
import type { FastifyRequest } from 'fastify';

/** The authenticated caller; routes run after requireScope, so it is always there. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route reached without an authenticated caller');
  return request.caller;
}

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Who is asking and the ids that follow the request into events and logs. */
export function requestContext(request: FastifyRequest): {
  organisationId: string;
  correlationId: string;
  traceparent?: string;
} {
  const traceparent = request.headers.traceparent;
  return {
    organisationId: callerOf(request).organisationId,
    correlationId: request.id,
    ...(typeof traceparent === 'string' && traceparentPattern.test(traceparent)
      ? { traceparent }
      : {}),
  };
}
