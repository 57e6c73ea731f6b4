import { describe, expect, it } from 'vitest';
import { applyConsentChange, consentWaitingFor } from './journey-consent.js';
import { waitingForNext } from './journey-machine.js';
import { TestJourney } from './journey-machine.test-support.js';

describe('consent on the journey', () => {
  const started = (): TestJourney => {
    const journey = new TestJourney();
    journey.start();
    return journey;
  };

  it('when consent expires, then the journey waits for the referrer to renew it, before anything else', () => {
    const { state } = started();
    applyConsentChange(state, { eventId: 'e1', change: 'expired', at: '2026-02-01T00:00:00Z' });
    expect(state.consent).toMatchObject({ expired: true });
    expect(consentWaitingFor(state)).toEqual({ what: 'renewed consent', from: 'referrer' });
    expect(waitingForNext(state)).toEqual({ what: 'renewed consent', from: 'referrer' });
  });

  it('when it is renewed, then the journey waits for its stage again and keeps the new expiry', () => {
    const { state } = started();
    applyConsentChange(state, { eventId: 'e1', change: 'expired', at: '2026-02-01T00:00:00Z' });
    applyConsentChange(state, {
      eventId: 'e2',
      change: 'renewed',
      at: '2026-02-02T00:00:00Z',
      expiresAt: '2027-02-02T00:00:00Z',
    });
    expect(state.consent).toEqual({
      expired: false,
      expiresAt: '2027-02-02T00:00:00Z',
      withdrawals: [],
    });
    expect(waitingForNext(state)).toMatchObject({ from: 'programme-operator' });
  });

  it('when part of it is withdrawn, then the withdrawal is kept and the stage does not change', () => {
    const { state } = started();
    const stage = state.stage;
    applyConsentChange(state, {
      eventId: 'e1',
      change: 'withdrawn',
      at: '2026-02-01T00:00:00Z',
      purposes: ['training'],
      recipients: [],
    });
    expect(state.consent?.withdrawals).toEqual([
      { purposes: ['training'], recipients: [], at: '2026-02-01T00:00:00Z' },
    ]);
    expect(state.stage).toBe(stage);
  });
});
