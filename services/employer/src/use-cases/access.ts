import { problem } from '@ladder/http';
import type { Actor } from '@ladder/auth';

/** What is the business of an employer and of a programme's operator: a placement, an offer. */
interface EmployerAndOperatorOf {
  employerOrganisationId: string;
  operatorOrganisationId: string;
}

/**
 * A placement (or an offer and what follows it) is the business of its employer and of its
 * programme's operator, no one else. To anyone else it does not exist: refused as "not found", so
 * its existence never leaks.
 */
export function assertMayActOn<T extends EmployerAndOperatorOf>(
  thing: T | undefined,
  actor: Actor,
  notFound = 'no such placement',
): asserts thing is T {
  const mine =
    thing &&
    ((actor.organisationKind === 'employer' &&
      thing.employerOrganisationId === actor.organisationId) ||
      (actor.organisationKind === 'programme-operator' &&
        thing.operatorOrganisationId === actor.organisationId));
  if (!mine) throw problem.notFound(notFound);
}

/** Only the employer that owns it may do this (its sites, slots, confirmations). */
export function assertEmployerOf(employerOrganisationId: string | undefined, actor: Actor): void {
  if (actor.organisationKind !== 'employer' || employerOrganisationId !== actor.organisationId)
    throw problem.notFound('no such opportunity of yours');
}
