import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireScope, scopes } from '@ladder/auth';
import { problem } from '@ladder/http';
import type { StaffRole } from '@ladder/vocabulary';

/** Who is looking at the read model, and the programme operator whose journeys they may see. */
export interface Viewer {
  operatorOrganisationId: string;
  /** For the audit log: `staff:<subject>` or `api-key:<id>`. */
  actor: string;
}

/** What a staff role may do; API keys with `reports:read` may read journeys and reports. */
export type Permission = 'journeys' | 'act' | 'reports' | 'audit' | 'dead-letters';

const rolesFor: Record<Permission, readonly StaffRole[]> = {
  journeys: ['viewer', 'caseworker', 'manager', 'admin'],
  act: ['caseworker', 'manager', 'admin'],
  reports: ['manager', 'admin'],
  audit: ['manager', 'admin'],
  'dead-letters': ['admin'],
};

/**
 * Staff of a programme operator (a session) with a role that allows it, or an API key of a
 * programme operator with `reports:read`. A request with an API key is judged by the key.
 */
export function requireViewer(permission: Permission): preHandlerAsyncHookHandler {
  const checkScope = requireScope(scopes.reportsRead);
  return async function (request, reply) {
    if (!request.caller && request.staff) {
      if (!rolesFor[permission].includes(request.staff.role))
        throw problem.forbidden(`your role (${request.staff.role}) may not see this`);
      return;
    }
    await checkScope.call(this, request, reply);
    if (request.caller?.organisationKind !== 'programme-operator')
      throw problem.forbidden('only a programme operator sees journeys and reports');
  };
}

export function viewerOf(request: FastifyRequest): Viewer {
  if (request.caller)
    return {
      operatorOrganisationId: request.caller.organisationId,
      actor: `${request.caller.credential.type}:${request.caller.credential.id}`,
    };
  if (request.staff)
    return {
      operatorOrganisationId: request.staff.organisationId,
      actor: `staff:${request.staff.subject}`,
    };
  throw problem.unauthorized('sign in, or send an API key: Authorization: Bearer <key>');
}
