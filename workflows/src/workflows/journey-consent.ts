import type { ConsentChange, JourneyConsent, JourneyState } from '@ladder/workflow-contracts';

const unchanged: JourneyConsent = { expired: false, withdrawals: [] };

/**
 * Applies a change to the participant's consent: an expiry stands until a renewal, withdrawals
 * are kept in order. Pure. The journey does not stop on a withdrawal (the participant may still
 * be supported, with less shared); what may be released is decided where the data is.
 */
export function applyConsentChange(state: JourneyState, change: ConsentChange): void {
  const consent = state.consent ?? unchanged;
  switch (change.change) {
    case 'expired':
      state.consent = { ...consent, expired: true };
      return;
    case 'renewed':
      state.consent = {
        ...consent,
        expired: false,
        ...(change.expiresAt ? { expiresAt: change.expiresAt } : {}),
      };
      return;
    case 'withdrawn':
      state.consent = {
        ...consent,
        withdrawals: [
          ...consent.withdrawals,
          { purposes: change.purposes ?? [], recipients: change.recipients ?? [], at: change.at },
        ],
      };
  }
}

/** While consent has expired, the journey waits for the referrer to renew it, first of all. */
export const consentWaitingFor = (state: JourneyState) =>
  state.consent?.expired ? { what: 'renewed consent', from: 'referrer' as const } : null;
