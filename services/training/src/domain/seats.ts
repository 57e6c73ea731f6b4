/** An intake's seats as they stand, read under its row lock. */
export interface SeatState {
  capacity: number;
  /** Places holding a seat: enrolled, or offered and not yet answered. */
  held: number;
  /** Places waiting, in request order. */
  waiting: number;
}

/**
 * Where a new request goes: a seat while one is free and nobody is waiting before it (a waiting
 * learner is always offered a freed seat first), otherwise the end of the waitlist.
 */
export function placeForRequest(state: SeatState): 'enrolled' | 'waitlisted' {
  return state.held < state.capacity && state.waiting === 0 ? 'enrolled' : 'waitlisted';
}

/** How many of those waiting are offered a seat now: as many as seats are free. */
export function seatsToOffer(state: SeatState): number {
  return Math.max(0, Math.min(state.capacity - state.held, state.waiting));
}

/** When an offer made at `now` lapses, from the programme's response window. */
export function offerExpiry(now: Date, responseHours: number): Date {
  return new Date(now.getTime() + responseHours * 3_600_000);
}
