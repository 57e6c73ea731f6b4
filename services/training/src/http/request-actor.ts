import type { FastifyRequest } from 'fastify';
import type { Actor } from '../use-cases/deps.js';

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Who is acting (routes run after requireScope, so the caller is there) and the request's ids. */
export function actorOf(request: FastifyRequest): Actor {
  const caller = request.caller;
  if (!caller) throw new Error('route reached without an authenticated caller');
  const traceparent = request.headers.traceparent;
  return {
    organisationId: caller.organisationId,
    organisationKind: caller.organisationKind,
    correlationId: request.id,
    ...(typeof traceparent === 'string' && traceparentPattern.test(traceparent)
      ? { traceparent }
      : {}),
  };
}
