import { problem } from '@ladder/http';
import type { Actor } from '@ladder/auth';
import type { Placement } from '../db/placements.repository.js';

/**
 * A placement is the business of its employer and of its programme's operator, no one else. To
 * anyone else it does not exist: refused as "not found", so its existence never leaks.
 */
export function assertMayActOn(
  placement: Placement | undefined,
  actor: Actor,
): asserts placement is Placement {
  const mine =
    placement &&
    ((actor.organisationKind === 'employer' &&
      placement.employerOrganisationId === actor.organisationId) ||
      (actor.organisationKind === 'programme-operator' &&
        placement.operatorOrganisationId === actor.organisationId));
  if (!mine) throw problem.notFound('no such placement');
}

/** Only the employer that owns it may do this (its sites, slots, confirmations). */
export function assertEmployerOf(employerOrganisationId: string | undefined, actor: Actor): void {
  if (actor.organisationKind !== 'employer' || employerOrganisationId !== actor.organisationId)
    throw problem.notFound('no such opportunity of yours');
}
