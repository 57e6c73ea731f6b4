import { appendToOutbox, withTransaction } from '@ladder/db';
import { offerExpiredV1 } from '@ladder/events';
import { expireDueOffers } from '../db/offers.repository.js';
import { offerEvent } from '../events/vacancy-events.js';
import type { EmployerDeps } from './deps.js';

/**
 * Expires the offers left unanswered past their deadline, `batch` at a time, each batch with its
 * OfferExpired events in one transaction. Safe on several instances at once: an offer another
 * instance (or an answer being recorded) holds is skipped and expired once. Returns how many.
 */
export async function expireOffers(deps: EmployerDeps, batch = 100): Promise<number> {
  let expired = 0;
  for (;;) {
    const now = deps.now();
    const done = await withTransaction(deps.pool, async (tx) => {
      const offers = await expireDueOffers(tx, now, batch);
      await appendToOutbox(
        tx,
        offers.map((offer) =>
          offerEvent(
            offerExpiredV1,
            offer,
            { respondBy: offer.respondBy },
            { correlationId: `offer-expiry:${offer.id}` },
            now,
          ),
        ),
      );
      return offers.length;
    });
    expired += done;
    if (done < batch) return expired;
  }
}
