import { withdrawalCovers } from '@ladder/events';
import type { ConsentPurpose, ConsentRecipient } from '@ladder/vocabulary';

/** A withdrawal of part of a consent: the pairs (purpose, recipient) it names no longer hold. */
export interface ConsentWithdrawal {
  /** Empty: every purpose. */
  purposes: ConsentPurpose[];
  /** Empty: every recipient. */
  recipients: ConsentRecipient[];
  withdrawnAt: string;
  /** The organisation that recorded it (the referrer or the programme operator). */
  by: string;
}

/** A participant's consent as stored with their referral: given at intake, changed since. */
export interface Consent {
  purposes: ConsentPurpose[];
  recipients: ConsentRecipient[];
  givenAt: string;
  expiresAt: string;
  withdrawals?: ConsentWithdrawal[];
  /** Renewals move `expiresAt`; each is kept, so the history shows who renewed it and when. */
  renewals?: { renewedAt: string; previousExpiresAt: string; by: string }[];
}

export type ConsentDecision =
  | { allowed: true }
  | { allowed: false; reason: 'no-consent' | 'consent-expired' | 'consent-withdrawn' };

/**
 * May data be released for `purpose` to `recipient` now? Only when the consent given covers both,
 * it has not expired and no withdrawal since covers them. The reason says which, for the record
 * (never more than that: the reason is shown to the recipient).
 */
export function consentFor(
  consent: Consent,
  release: { purpose: ConsentPurpose; recipient: ConsentRecipient },
  now: Date,
): ConsentDecision {
  if (
    !consent.purposes.includes(release.purpose) ||
    !consent.recipients.includes(release.recipient)
  )
    return { allowed: false, reason: 'no-consent' };
  if ((consent.withdrawals ?? []).some((w) => withdrawalCovers(w, release)))
    return { allowed: false, reason: 'consent-withdrawn' };
  if (Date.parse(consent.expiresAt) <= now.getTime())
    return { allowed: false, reason: 'consent-expired' };
  return { allowed: true };
}

/** True when a withdrawal names something the consent covered (withdrawing nothing is refused). */
export function withdrawalChangesConsent(
  consent: Consent,
  withdrawal: Pick<ConsentWithdrawal, 'purposes' | 'recipients'>,
): boolean {
  return consent.purposes.some((purpose) =>
    consent.recipients.some(
      (recipient) =>
        withdrawalCovers(withdrawal, { purpose, recipient }) &&
        consentFor(
          { ...consent, expiresAt: '9999-12-31T00:00:00Z' },
          { purpose, recipient },
          new Date(0),
        ).allowed,
    ),
  );
}
