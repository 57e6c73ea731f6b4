import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../src/webhooks/dispatcher.js';
import { verifySignature } from '../src/webhooks/signature.js';
import {
  bearer,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';
import { receiver } from './support/webhook-receiver.js';

describe('webhooks', () => {
  let t: ReferralTestApp;
  let dispatcher: WebhookDispatcher;
  beforeAll(async () => {
    t = await startReferralApp();
    dispatcher = new WebhookDispatcher({
      pool: t.pool,
      ring: t.deps.ring,
      logger: t.deps.logger,
      destinations: t.deps.webhookDestinations,
      retryDelaysSeconds: [0, 0, 0],
    });
  });
  afterAll(async () => t.close());

  it('when a referrer registers a URL, then each milestone of its referrals arrives signed, retried until accepted, and logged', async () => {
    const hook = await receiver(1);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.jobCentre),
      payload: { url: hook.url },
    });
    expect(registered.statusCode).toBe(201);
    const { id: subscriptionId, secret } = registered.json<{ id: string; secret: string }>();

    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody(),
    });
    const referralId = submitted.json<{ id: string }>().id;
    await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.otherJobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody(),
    });

    // Two milestones (received, accepted); the first attempt of the first fails with 503.
    for (let i = 0; i < 5; i += 1) await dispatcher.dispatchDue();
    const delivered = hook.received.filter((r) => r.headers['ladder-signature']);
    const codes = delivered.map(
      (r) => JSON.parse(r.body) as { referralId: string; milestone: { code: string } },
    );
    expect(codes.every((c) => c.referralId === referralId)).toBe(true); // never another organisation's
    expect(new Set(codes.map((c) => c.milestone.code))).toEqual(
      new Set(['referral-received', 'referral-accepted']),
    );
    for (const r of delivered)
      expect(
        verifySignature(secret, r.body, r.headers['ladder-signature'] as string, new Date()),
      ).toBe(true);
    expect(delivered.length).toBe(3);

    const log = await t.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${subscriptionId}/deliveries`,
      headers: bearer(t.jobCentre),
    });
    const items = log.json<{
      items: { status: string; attempts: number; lastResponseStatus: number }[];
    }>().items;
    expect(items.map((i) => i.status)).toEqual(['delivered', 'delivered']);
    expect(items.map((i) => i.attempts).sort()).toEqual([1, 2]);
    hook.server.close();
  });

  it('when another organisation reads the delivery log or deletes the webhook, then it is not found', async () => {
    const registered = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.jobCentre),
      payload: { url: 'https://hooks.example.org/ladder' },
    });
    const { id } = registered.json<{ id: string }>();
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/webhooks/${id}/deliveries`,
          headers: bearer(t.otherJobCentre),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/webhooks/${id}`,
          headers: bearer(t.otherJobCentre),
        })
      ).statusCode,
    ).toBe(404);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/v1/webhooks',
      headers: bearer(t.otherJobCentre),
    });
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(id);
  });

  it('when the receiver keeps failing, then the delivery is given up after the last retry and says why', async () => {
    const hook = await receiver(100);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.otherJobCentre),
      payload: { url: hook.url },
    });
    const { id } = registered.json<{ id: string }>();
    await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.otherJobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody(),
    });
    for (let i = 0; i < 6; i += 1) await dispatcher.dispatchDue();
    const log = await t.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${id}/deliveries`,
      headers: bearer(t.otherJobCentre),
    });
    const items = log.json<{ items: { status: string; attempts: number; lastError: string }[] }>()
      .items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(item).toMatchObject({ status: 'failed', attempts: 4, lastError: 'HTTP 503' });
    hook.server.close();
  });

  it('when the URL is plain http and that is not allowed, or not a URL, then 400 names the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.jobCentre),
      payload: { url: 'not a url' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('url');
  });
});
