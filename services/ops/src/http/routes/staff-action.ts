import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '@ladder/http';
import { findJourney } from '../../db/journeys.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { JourneyView } from '../../domain/journey-view.js';
import { checkCsrf } from '../../staff/staff-session.plugin.js';
import { requireViewer, viewerOf } from '../viewer.js';
import { requireStaff } from './page-helpers.js';

/** Only signed-in staff act on journeys (an API key reads; it never acts). */
async function requireStaffActor(request: FastifyRequest): Promise<void> {
  if (request.caller || !request.staff)
    throw problem.forbidden('only signed-in staff act on journeys');
  await Promise.resolve();
}

/**
 * The hooks of every page and form that acts on a journey or shows its personal data: signed-in
 * staff (else to sign-in), by session and not by API key, with a role that acts (caseworker,
 * manager, admin; never a viewer).
 */
export const staffActionHooks = {
  onRequest: requireStaff,
  preHandler: [requireStaffActor, requireViewer('act')],
};

/** The staff member's operator's journey, or undefined (another operator's journey is not found). */
export const journeyOf = (
  deps: Pick<OpsDeps, 'pool'>,
  request: FastifyRequest,
  referralId: string,
): Promise<JourneyView | undefined> =>
  findJourney(deps.pool, viewerOf(request).operatorOrganisationId, referralId);

export const notFoundPage = (request: FastifyRequest, reply: FastifyReply) =>
  reply.code(404).view('not-found.njk', { title: 'Journey not found', staff: request.staff });

/**
 * A form's journey once its CSRF token checks out, or undefined after answering 404: the check
 * every form post makes before it reads a field.
 */
export async function formJourney(
  deps: Pick<OpsDeps, 'pool'>,
  request: FastifyRequest,
  reply: FastifyReply,
  form: { referralId: string; csrf: unknown },
): Promise<JourneyView | undefined> {
  checkCsrf(request, form.csrf);
  const journey = await journeyOf(deps, request, form.referralId);
  if (!journey) await notFoundPage(request, reply);
  return journey;
}

/** Who acts, for the audit log and the services the action goes to. */
export function staffActorOf(request: FastifyRequest): {
  operatorOrganisationId: string;
  actor: string;
  /** The staff member's opaque id (the identity provider's subject). */
  staffId: string;
} {
  const viewer = viewerOf(request);
  return { ...viewer, staffId: request.staff!.subject };
}
