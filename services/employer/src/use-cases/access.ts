import { problem } from '@ladder/http';
import type { Actor } from '@ladder/auth';

/** What a placement, an interview or an offer records about whose business it is. */
interface Shared {
  employerOrganisationId: string;
  operatorOrganisationId: string;
}

/**
 * A placement, interview or offer is the business of its employer and of its programme's
 * operator, no one else. To anyone else it does not exist: refused as "not found", so its
 * existence never leaks.
 */
export function assertMayActOn<T extends Shared>(
  record: T | undefined,
  actor: Actor,
  what = 'placement',
): asserts record is T {
  const mine =
    record &&
    ((actor.organisationKind === 'employer' &&
      record.employerOrganisationId === actor.organisationId) ||
      (actor.organisationKind === 'programme-operator' &&
        record.operatorOrganisationId === actor.organisationId));
  if (!mine) throw problem.notFound(`no such ${what}`);
}

/** Only the employer that owns it may do this (its sites, slots, confirmations). */
export function assertEmployerOf(employerOrganisationId: string | undefined, actor: Actor): void {
  if (actor.organisationKind !== 'employer' || employerOrganisationId !== actor.organisationId)
    throw problem.notFound('no such opportunity of yours');
}
