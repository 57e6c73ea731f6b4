import type { Queryable } from '@ladder/db';
import type { EventStamp } from './latest-event.js';
import { ensureOffer, type OfferRef } from './offer-row.js';

/** SustainmentDue (the mark reached, the answer asked for by a time) or SustainmentConfirmed. */
export async function recordSustainment(
  tx: Queryable,
  o: OfferRef,
  weeks: number,
  fact: { answerDueAt: string } | { confirmed: true },
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  if ('answerDueAt' in fact)
    await tx.query(
      `insert into sustainment_mark (offer_id, weeks, reached_at, answer_due_at) values ($1, $2, $3, $4)
       on conflict (offer_id, weeks) do update set
         reached_at = least(sustainment_mark.reached_at, excluded.reached_at),
         answer_due_at = case when sustainment_mark.reached_at is null
                                or excluded.reached_at < sustainment_mark.reached_at
                              then excluded.answer_due_at else sustainment_mark.answer_due_at end`,
      [o.offerId, weeks, stamp.at, fact.answerDueAt],
    );
  else
    await tx.query(
      `insert into sustainment_mark (offer_id, weeks, confirmed_at) values ($1, $2, $3)
       on conflict (offer_id, weeks) do update set
         confirmed_at = least(sustainment_mark.confirmed_at, excluded.confirmed_at)`,
      [o.offerId, weeks, stamp.at],
    );
}
