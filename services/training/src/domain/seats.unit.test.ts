import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offerExpiry, placeForRequest, seatsToOffer, takePlace, type SeatState } from './seats.js';

describe('placeForRequest', () => {
  it.each([
    [{ capacity: 10, held: 0, waiting: 0 }, 'enrolled'],
    [{ capacity: 10, held: 9, waiting: 0 }, 'enrolled'],
    [{ capacity: 10, held: 10, waiting: 0 }, 'waitlisted'],
    [{ capacity: 10, held: 11, waiting: 0 }, 'waitlisted'],
    // A free seat with someone waiting goes to them (as an offer), not to the newcomer.
    [{ capacity: 10, held: 9, waiting: 1 }, 'waitlisted'],
  ] as const)('when the intake is %o, then a new request is %s', (state, expected) => {
    expect(placeForRequest(state)).toBe(expected);
  });
});

describe('takePlace', () => {
  it.each([
    [{ capacity: 2, held: 1, waiting: 0 }, 'enrolled', null, { capacity: 2, held: 2, waiting: 0 }],
    [{ capacity: 2, held: 2, waiting: 0 }, 'waitlisted', 1, { capacity: 2, held: 2, waiting: 1 }],
    [{ capacity: 2, held: 1, waiting: 3 }, 'waitlisted', 4, { capacity: 2, held: 1, waiting: 4 }],
  ] as const)(
    'when the intake is %o, then the request is %s at %s and leaves %o',
    (state, status, position, after) => {
      expect(takePlace(state)).toEqual({ status, position, after });
    },
  );

  const seatStates = fc.record({
    capacity: fc.integer({ min: 0, max: 30 }),
    held: fc.integer({ min: 0, max: 30 }),
    waiting: fc.integer({ min: 0, max: 30 }),
  });

  it('when requests are decided one after another, then seats fill to capacity and never beyond, and the rest queue at consecutive positions', () => {
    fc.assert(
      fc.property(seatStates, fc.integer({ min: 0, max: 60 }), (start: SeatState, n) => {
        let state = start;
        const taken = Array.from({ length: n }, () => {
          const t = takePlace(state);
          state = t.after;
          return t;
        });
        const enrolled = taken.filter((t) => t.status === 'enrolled').length;
        const free = start.waiting === 0 ? Math.max(0, start.capacity - start.held) : 0;
        expect(enrolled).toBe(Math.min(n, free));
        // Every enrolment comes before every waitlisting, and positions follow on from the queue.
        expect(taken.slice(0, enrolled).every((t) => t.status === 'enrolled')).toBe(true);
        expect(taken.slice(enrolled).map((t) => t.position)).toEqual(
          Array.from({ length: n - enrolled }, (_, i) => start.waiting + i + 1),
        );
        expect(state).toEqual({
          capacity: start.capacity,
          held: start.held + enrolled,
          waiting: start.waiting + n - enrolled,
        });
      }),
    );
  });
});

describe('seatsToOffer', () => {
  it.each([
    [{ capacity: 10, held: 10, waiting: 5 }, 0],
    [{ capacity: 10, held: 9, waiting: 5 }, 1],
    [{ capacity: 12, held: 9, waiting: 2 }, 2],
    [{ capacity: 10, held: 4, waiting: 0 }, 0],
    [{ capacity: 8, held: 10, waiting: 3 }, 0],
  ] as const)('when the intake is %o, then %i are offered a seat', (state, expected) => {
    expect(seatsToOffer(state)).toBe(expected);
  });
});

describe('offerExpiry', () => {
  it('when an offer is made with a 48-hour window, then it lapses 48 hours later', () => {
    expect(offerExpiry(new Date('2027-01-01T10:00:00Z'), 48).toISOString()).toBe(
      '2027-01-03T10:00:00.000Z',
    );
  });
});
