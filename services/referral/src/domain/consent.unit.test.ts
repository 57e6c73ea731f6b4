import { describe, expect, it } from 'vitest';
import type { ConsentPurpose, ConsentRecipient } from '@ladder/vocabulary';
import {
  consentFor,
  withdrawalChangesConsent,
  type Consent,
  type ConsentDecision,
} from './consent.js';

const given: Consent = {
  purposes: ['programme-delivery', 'training', 'work-placement'],
  recipients: ['programme-operator', 'training-provider', 'employer'],
  givenAt: '2026-11-20T09:00:00Z',
  expiresAt: '2027-11-20T09:00:00Z',
};
const now = new Date('2026-12-02T12:00:00Z');
const withdrawal = (purposes: Consent['purposes'], recipients: Consent['recipients']) => ({
  purposes,
  recipients,
  withdrawnAt: '2026-12-01T10:00:00Z',
  by: 'org-luton',
});

describe('consentFor', () => {
  it.each([
    ['training', 'training-provider', given, { allowed: true }],
    ['recruitment', 'employer', given, { allowed: false, reason: 'no-consent' }],
    ['training', 'job-centre', given, { allowed: false, reason: 'no-consent' }],
    [
      'training',
      'training-provider',
      { ...given, expiresAt: '2026-12-02T11:59:59Z' },
      { allowed: false, reason: 'consent-expired' },
    ],
    [
      'training',
      'training-provider',
      { ...given, withdrawals: [withdrawal(['training'], [])] },
      { allowed: false, reason: 'consent-withdrawn' },
    ],
    [
      'work-placement',
      'employer',
      { ...given, withdrawals: [withdrawal(['training'], [])] },
      { allowed: true },
    ],
    [
      'work-placement',
      'employer',
      { ...given, withdrawals: [withdrawal([], ['employer'])] },
      { allowed: false, reason: 'consent-withdrawn' },
    ],
    [
      'training',
      'training-provider',
      { ...given, withdrawals: [withdrawal(['training'], ['employer'])] },
      { allowed: true },
    ],
    [
      'programme-delivery',
      'programme-operator',
      { ...given, withdrawals: [withdrawal([], [])] },
      { allowed: false, reason: 'consent-withdrawn' },
    ],
  ] satisfies [ConsentPurpose, ConsentRecipient, Consent, ConsentDecision][])(
    'when %s for %s is asked of the consent (case %#), then the answer is %j',
    (purpose, recipient, consent, expected) => {
      expect(consentFor(consent, { purpose, recipient }, now)).toEqual(expected);
    },
  );
});

describe('withdrawalChangesConsent', () => {
  it('when a withdrawal names only what was never given, then it changes nothing', () => {
    expect(withdrawalChangesConsent(given, { purposes: ['recruitment'], recipients: [] })).toBe(
      false,
    );
  });

  it('when it names something given, then it changes the consent', () => {
    expect(withdrawalChangesConsent(given, { purposes: ['training'], recipients: [] })).toBe(true);
  });

  it('when the same withdrawal was recorded before, then recording it again changes nothing', () => {
    const already = { ...given, withdrawals: [withdrawal(['training'], [])] };
    expect(withdrawalChangesConsent(already, { purposes: ['training'], recipients: [] })).toBe(
      false,
    );
  });
});
