import type { Queryable } from '@ladder/db';
import type { EmployerRef } from './latest-event.js';

/** The ids every offer event carries. */
export interface OfferRef extends EmployerRef {
  offerId: string;
  vacancyId: string;
}

/** The offer row's identifying columns, in the order every insert of it lists them. */
export const offerIds = (o: OfferRef) => [
  o.offerId,
  o.participantId,
  o.programmeId,
  o.vacancyId,
  o.employerOrganisationId,
];

/**
 * Starts the offer's row from any of its events (the offer's own terms come with OfferMade): the
 * checks, employment and sustainment marks hang off it, whichever event comes first.
 */
export async function ensureOffer(tx: Queryable, o: OfferRef): Promise<void> {
  await tx.query(
    `insert into offer (offer_id, participant_id, programme_id, vacancy_id, employer_organisation_id)
     values ($1, $2, $3, $4, $5) on conflict (offer_id) do nothing`,
    offerIds(o),
  );
}
