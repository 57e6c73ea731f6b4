import { appendToOutbox, type PoolClient } from '@ladder/db';
import { trainingSeatOfferedV1 } from '@ladder/events';
import { firstWaiting, updatePlace } from '../db/places.repository.js';
import { findProgramme } from '../db/programmes.repository.js';
import { offerExpiry, seatsToOffer, type SeatState } from '../domain/seats.js';
import { placeEvent, type EventContext } from '../events/place-events.js';

/**
 * Offers every free seat of an intake to those first in line, each with the response window of
 * their own programme. Call with the intake locked (`lockSeats`) and `seats` as they now stand.
 */
export async function offerFreedSeats(
  tx: PoolClient,
  intakeId: string,
  seats: SeatState,
  ctx: EventContext,
): Promise<void> {
  const n = seatsToOffer(seats);
  if (n === 0) return;
  for (const place of await firstWaiting(tx, intakeId, n)) {
    const programme = await findProgramme(tx, place.programmeId);
    const respondBy = offerExpiry(ctx.now, programme?.training.seatOfferResponseHours ?? 48);
    await updatePlace(tx, place.id, { status: 'offered', offerExpiresAt: respondBy });
    await appendToOutbox(tx, [
      placeEvent(trainingSeatOfferedV1, place, { respondBy: respondBy.toISOString() }, ctx),
    ]);
  }
}
