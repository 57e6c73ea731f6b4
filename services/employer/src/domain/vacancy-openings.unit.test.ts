import { describe, expect, it } from 'vitest';
import { whyNoOffer } from './vacancy-openings.js';

describe('whyNoOffer', () => {
  it.each([
    ['2027-03-31', 3, 0, '2027-03-01', undefined],
    ['2027-03-31', 3, 2, '2027-03-31', undefined],
    ['2027-03-31', 3, 3, '2027-03-01', 'vacancy-filled'],
    ['2027-03-31', 1, 4, '2027-03-01', 'vacancy-filled'],
    ['2027-03-31', 3, 0, '2027-04-01', 'vacancy-closed'],
    // Closed says more than filled: no post will be offered again.
    ['2027-03-31', 1, 1, '2027-04-01', 'vacancy-closed'],
  ] as const)(
    'when the vacancy closes on %s with %i posts, %i held, and today is %s, then the answer is %s',
    (closesOn, posts, held, today, reason) => {
      expect(whyNoOffer({ closesOn, posts }, held, today)).toBe(reason);
    },
  );
});
