import { problem } from '@ladder/http';
import type { Place } from '../db/places.repository.js';
import type { Actor } from './deps.js';

/**
 * A place is the business of its intake's provider and of its programme's operator, no one else.
 * To anyone else it does not exist: refused as "not found", so its existence never leaks.
 */
export function assertMayActOn(place: Place | undefined, actor: Actor): asserts place is Place {
  const mine =
    place &&
    ((actor.organisationKind === 'training-provider' &&
      place.providerOrganisationId === actor.organisationId) ||
      (actor.organisationKind === 'programme-operator' &&
        place.operatorOrganisationId === actor.organisationId));
  if (!mine) throw problem.notFound('no such place');
}

/** Only the provider that runs the intake may do this (record registers, complete courses). */
export function assertProviderOf(providerOrganisationId: string | undefined, actor: Actor): void {
  if (
    actor.organisationKind !== 'training-provider' ||
    providerOrganisationId !== actor.organisationId
  )
    throw problem.notFound('no such intake of yours');
}
