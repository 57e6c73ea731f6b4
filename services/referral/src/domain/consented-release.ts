import type { ConsentPurpose, ConsentRecipient, ParticipantViewRefusal } from '@ladder/vocabulary';
import type { ReferralRequest } from './referral-request.js';

export interface ConsentState {
  consent: ReferralRequest['consent'];
  withdrawnAt: Date | null;
  erased: boolean;
}

/**
 * Whether a participant's personal data may go to a recipient for a purpose now: undefined when it
 * may, otherwise why not. Erasure is told first (nothing is left to release), then a withdrawal
 * (the participant's latest word), then expiry, then what the consent covers.
 */
export function refusalOf(
  state: ConsentState,
  ask: { purpose: ConsentPurpose; recipient: ConsentRecipient },
  now: Date,
): ParticipantViewRefusal | undefined {
  if (state.erased) return 'erased';
  if (state.withdrawnAt && state.withdrawnAt <= now) return 'consent-withdrawn';
  if (new Date(state.consent.expiresAt) <= now) return 'consent-expired';
  if (
    !state.consent.purposes.includes(ask.purpose) ||
    !state.consent.recipients.includes(ask.recipient)
  )
    return 'no-consent';
  return undefined;
}
