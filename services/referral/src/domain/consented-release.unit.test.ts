import { describe, expect, it } from 'vitest';
import { refusalOf, type ConsentState } from './consented-release.js';

const now = new Date('2027-01-10T12:00:00Z');
const current: ConsentState = {
  consent: {
    purposes: ['programme-delivery', 'training'],
    recipients: ['programme-operator', 'training-provider'],
    givenAt: '2026-11-20T09:00:00Z',
    expiresAt: '2027-11-20T09:00:00Z',
  },
  withdrawnAt: null,
  erased: false,
};
const ask = { purpose: 'training', recipient: 'training-provider' } as const;

describe('refusalOf', () => {
  it.each([
    ['covered and current', current, ask, undefined],
    ['the purpose not covered', current, { ...ask, purpose: 'recruitment' }, 'no-consent'],
    ['the recipient not covered', current, { ...ask, recipient: 'employer' }, 'no-consent'],
    [
      'expired',
      { ...current, consent: { ...current.consent, expiresAt: '2027-01-10T12:00:00Z' } },
      ask,
      'consent-expired',
    ],
    ['withdrawn', { ...current, withdrawnAt: new Date('2027-01-01') }, ask, 'consent-withdrawn'],
    ['erased and withdrawn', { ...current, erased: true, withdrawnAt: new Date(0) }, ask, 'erased'],
  ] as const)('when the consent is %s, then the answer is %s', (_name, state, query, expected) => {
    expect(refusalOf(state, query, now)).toBe(expected);
  });
});
