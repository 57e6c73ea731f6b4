import type { FastifyRequest } from 'fastify';
import { traceparentFor } from '@ladder/tracing';
import type { OrganisationKind } from '@ladder/vocabulary';

/** Who is acting on a request, and the ids that follow it into its events. */
export interface Actor {
  organisationId: string;
  organisationKind: OrganisationKind;
  correlationId: string;
  traceparent?: string;
}

/**
 * The actor of a request that passed `requireScope` (so its caller is known): organisation,
 * request id as correlation id, and the traceparent its events carry on (the request's span where
 * tracing is on, else a well-formed one the caller sent).
 */
export function actorOf(request: FastifyRequest): Actor {
  const caller = request.caller;
  if (!caller) throw new Error('route reached without an authenticated caller');
  const traceparent = traceparentFor(request.headers.traceparent);
  return {
    organisationId: caller.organisationId,
    organisationKind: caller.organisationKind,
    correlationId: request.id,
    ...(traceparent ? { traceparent } : {}),
  };
}
