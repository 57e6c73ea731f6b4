import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireScope, scopes } from '@ladder/auth';
import { problem } from '@ladder/http';

/** Who is looking at the read model, and the programme operator whose journeys they may see. */
export interface Viewer {
  operatorOrganisationId: string;
  /** For the audit log: the API key's id. */
  actor: string;
}

/** API keys of programme operators with `reports:read`. */
export const requireReportsReader: preHandlerAsyncHookHandler = async function (request, reply) {
  await requireScope(scopes.reportsRead).call(this, request, reply);
  if (request.caller?.organisationKind !== 'programme-operator')
    throw problem.forbidden('only a programme operator sees journeys and reports');
};

export function viewerOf(request: FastifyRequest): Viewer {
  const caller = request.caller;
  if (!caller) throw problem.unauthorized('send an API key: Authorization: Bearer <key>');
  return {
    operatorOrganisationId: caller.organisationId,
    actor: `${caller.credential.type}:${caller.credential.id}`,
  };
}
