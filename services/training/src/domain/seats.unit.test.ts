import { describe, expect, it } from 'vitest';
import { offerExpiry, placeForRequest, seatsToOffer } from './seats.js';

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
