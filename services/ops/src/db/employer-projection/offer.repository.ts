import type { Queryable } from '@ladder/db';
import { whenLater, type EventStamp } from './latest-event.js';
import { ensureOffer, offerIds, type OfferRef } from './offer-row.js';
import { createEmployerChecks } from './pre-employment-check.repository.js';

export interface OfferTerms {
  interviewId: string | null;
  role: string;
  band: string;
  siteId: string;
  hoursPerWeek: number;
  respondBy: string;
}

/** OfferMade: the offer's terms, once. */
export async function recordOfferTerms(
  tx: Queryable,
  o: OfferRef,
  terms: OfferTerms,
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  await tx.query(
    `update offer set interview_id = $2, role = $3, band = $4, site_id = $5, hours_per_week = $6,
                      respond_by = $7, made_at = $8
      where offer_id = $1`,
    [
      o.offerId,
      terms.interviewId,
      terms.role,
      terms.band,
      terms.siteId,
      terms.hoursPerWeek,
      terms.respondBy,
      stamp.at,
    ],
  );
}

/** An offer's status as its latest status event says (made, accepted, declined, ...). */
export async function recordOfferStatus(
  tx: Queryable,
  o: OfferRef,
  status: { status: string; reasonCode?: string | null; failedCheck?: string | null },
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into offer (offer_id, participant_id, programme_id, vacancy_id, employer_organisation_id,
                        status, reason_code, failed_check, status_at, status_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (offer_id) do update set
       ${whenLater('offer', 'status_at', 'status_event', ['status', 'reason_code', 'failed_check'])}`,
    [
      ...offerIds(o),
      status.status,
      status.reasonCode ?? null,
      status.failedCheck ?? null,
      stamp.at,
      stamp.eventId,
    ],
  );
}

/**
 * OfferAccepted: when, and the six checks as the employer creates them (not started, its own, due
 * the programme's checkDueDays after the acceptance), unless an update of a check came first.
 */
export async function recordOfferAccepted(
  tx: Queryable,
  o: OfferRef,
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  await tx.query('update offer set accepted_at = $2 where offer_id = $1', [o.offerId, stamp.at]);
  await createEmployerChecks(tx, o, stamp.at);
}

/** StartDateAgreed (the latest agreed day), StartedInPost and LeftPost. */
export async function recordEmployment(
  tx: Queryable,
  o: OfferRef,
  fact: { startsOn: string } | { startedOn: string } | { leftOn: string; reasonCode: string },
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  if ('startsOn' in fact)
    await tx.query(
      `update offer set starts_on = $2, start_agreed_at = $3, start_agreed_event = $4
        where offer_id = $1 and (start_agreed_at is null
                                 or ($3::timestamptz, $4::uuid) > (start_agreed_at, start_agreed_event))`,
      [o.offerId, fact.startsOn, stamp.at, stamp.eventId],
    );
  else if ('startedOn' in fact)
    await tx.query('update offer set started_on = $2 where offer_id = $1', [
      o.offerId,
      fact.startedOn,
    ]);
  else
    await tx.query('update offer set left_on = $2, left_reason = $3 where offer_id = $1', [
      o.offerId,
      fact.leftOn,
      fact.reasonCode,
    ]);
}
