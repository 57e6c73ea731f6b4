import type { FastifyRequest } from 'fastify';
import type { OrganisationKind } from '@ladder/vocabulary';

/** Who is acting on a request, and the ids that follow it into its events. */
export interface Actor {
  organisationId: string;
  organisationKind: OrganisationKind;
  correlationId: string;
  traceparent?: string;
}

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The actor of a request that passed `requireScope` (so its caller is known): organisation,
 * request id as correlation id, and a well-formed W3C traceparent if one came.
 */
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
