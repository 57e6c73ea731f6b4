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

/** A request decided in turn: where it goes, and the intake's seats once it is there. */
export interface TakenPlace {
  status: 'enrolled' | 'waitlisted';
  /** A waitlisted place's position (1 is next in line); null for an enrolled one. */
  position: number | null;
  after: SeatState;
}

/**
 * Decides one request (placeForRequest) and counts it in: requests decided one after another
 * from the same state (a group of them under one lock) come out as if each had taken the lock
 * in turn.
 */
export function takePlace(state: SeatState): TakenPlace {
  return placeForRequest(state) === 'enrolled'
    ? { status: 'enrolled', position: null, after: { ...state, held: state.held + 1 } }
    : {
        status: 'waitlisted',
        position: state.waiting + 1,
        after: { ...state, waiting: state.waiting + 1 },
      };
}

/** How many of those waiting are offered a seat now: as many as seats are free. */
export function seatsToOffer(state: SeatState): number {
  return Math.max(0, Math.min(state.capacity - state.held, state.waiting));
}

/** When an offer made at `now` lapses, from the programme's response window. */
export function offerExpiry(now: Date, responseHours: number): Date {
  return new Date(now.getTime() + responseHours * 3_600_000);
}
