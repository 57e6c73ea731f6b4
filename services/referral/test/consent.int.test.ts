import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceExpiredConsents } from '../src/use-cases/consent.js';
import {
  bearer,
  startReferralApp,
  type Caller,
  type ReferralTestApp,
} from './support/referral-app.js';

interface OutboxEvent {
  type: string;
  data: Record<string, unknown>;
}

describe('consent that changes during a journey', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  const refer = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (await t.refer(overrides)).id;
  const eventsOf = async (referralId: string, type: string): Promise<OutboxEvent[]> =>
    (
      await t.pool.query<{ payload: OutboxEvent }>(
        `select payload from ladder_outbox
         where payload->>'type' = $1 and payload->'data'->>'referralId' = $2 order by id`,
        [type, referralId],
      )
    ).rows.map((r) => r.payload);
  const milestoneCodes = async (caller: Caller, referralId: string): Promise<string[]> =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/referrals/${referralId}`,
        headers: bearer(caller),
      })
    )
      .json<{ milestones: { code: string }[] }>()
      .milestones.map((m) => m.code);
  const withdraw = (caller: Caller, referralId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referralId}/consent/withdrawals`,
      headers: bearer(caller),
      payload: body,
    });

  it('when the referrer records a withdrawal of consent for training, then it is kept, announced once and shown in the closed loop', async () => {
    const id = await refer();
    const first = await withdraw(t.jobCentre, id, { purposes: ['training'] });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      consent: { withdrawals: [{ purposes: ['training'], recipients: [] }] },
    });
    const again = await withdraw(t.jobCentre, id, { purposes: ['training'] });
    expect(again.statusCode).toBe(200);

    const events = await eventsOf(id, 'ConsentWithdrawn');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      purposes: ['training'],
      recipients: [],
      recordedBy: t.jobCentre.organisationId,
    });
    expect(JSON.stringify(events[0])).not.toContain('Alex'); // codes only, never the person
    expect(await milestoneCodes(t.jobCentre, id)).toContain('consent-withdrawn');
  });

  it("when the programme's operator records it, then it is accepted; another operator or Job Centre is refused", async () => {
    const id = await refer();
    expect((await withdraw(t.otherJobCentre, id, { recipients: ['employer'] })).statusCode).toBe(
      404,
    );
    expect((await withdraw(t.otherOperator, id, { recipients: ['employer'] })).statusCode).toBe(
      404,
    );
    expect((await withdraw(t.readOnly, id, { recipients: ['employer'] })).statusCode).toBe(403);
    expect((await withdraw(t.operator, id, { recipients: ['employer'] })).statusCode).toBe(201);
  });

  it('when a withdrawal names a purpose that is not one, then 400 names the field', async () => {
    const id = await refer();
    const response = await withdraw(t.jobCentre, id, { purposes: ['gossip'] });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('body.purposes');
  });

  it('when consent expires on an active referral, then the expiry is announced once, and a renewal moves it and is announced', async () => {
    const soon = new Date(Date.now() + 1_000).toISOString();
    const id = await refer({
      consent: {
        purposes: ['programme-delivery', 'training'],
        recipients: ['programme-operator', 'training-provider'],
        givenAt: '2026-11-20T09:00:00Z',
        expiresAt: soon,
      },
    });
    expect(await announceExpiredConsents(t.deps)).toBe(0); // not yet
    const later = { ...t.deps, now: () => new Date(Date.now() + 5_000) };
    expect(await announceExpiredConsents(later)).toBeGreaterThanOrEqual(1);
    await announceExpiredConsents(later);
    expect(await eventsOf(id, 'ConsentExpired')).toHaveLength(1);
    expect(await milestoneCodes(t.jobCentre, id)).toContain('consent-expired');

    const renewed = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/consent/renewals`,
      headers: bearer(t.jobCentre),
      payload: { expiresAt: '2027-12-31T00:00:00+00:00' },
    });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({
      consent: {
        expiresAt: '2027-12-31T00:00:00.000Z',
        renewals: [{ previousExpiresAt: soon, by: t.jobCentre.organisationId }],
      },
    });
    expect(await eventsOf(id, 'ConsentRenewed')).toHaveLength(1);
  });

  it('when a renewal would expire in the past, then 400 names body.expiresAt', async () => {
    const id = await refer();
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/consent/renewals`,
      headers: bearer(t.jobCentre),
      payload: { expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('body.expiresAt');
  });
});
