import { appendToOutbox, withTransaction } from '@ladder/db';
import { trainingSeatOfferLapsedV1 } from '@ladder/events';
import { lockSeats } from '../db/intakes.repository.js';
import { intakesWithLapsedOffers, lapsedOffers, updatePlace } from '../db/places.repository.js';
import { placeEvent } from '../events/place-events.js';
import type { TrainingDeps } from './deps.js';
import { offerFreedSeats } from './seat-offers.js';

/**
 * Passes every offer whose response window has passed to the next in line, publishing
 * TrainingSeatOfferLapsed for each with the change (the outbox, same transaction). The offers and their
 * deadlines are rows, so a restart loses nothing: the next pass finds what is due.
 */
export async function lapseDueOffers(deps: TrainingDeps, batch = 100): Promise<number> {
  let lapsed = 0;
  for (const intakeId of await intakesWithLapsedOffers(deps.pool, batch)) {
    lapsed += await withTransaction(deps.pool, async (tx) => {
      const seats = await lockSeats(tx, intakeId);
      if (!seats) return 0;
      const due = await lapsedOffers(tx, intakeId);
      const ctx = { correlationId: `offer-lapse:${intakeId}`, now: deps.now() };
      for (const place of due)
        await updatePlace(tx, place.id, { status: 'offer-lapsed', ended: true });
      // A place lapses once: it is no longer 'offered', so no later pass finds it again.
      if (due.length > 0)
        await appendToOutbox(
          tx,
          due.map((place) => placeEvent(trainingSeatOfferLapsedV1, place, {}, ctx)),
        );
      await offerFreedSeats(tx, intakeId, { ...seats, held: seats.held - due.length }, ctx);
      return due.length;
    });
  }
  return lapsed;
}
