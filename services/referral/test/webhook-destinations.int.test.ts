import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@ladder/crypto';
import { insertSubscription } from '../src/db/webhooks.repository.js';
import { WebhookDispatcher } from '../src/webhooks/dispatcher.js';
import { guardedAgent } from '../src/webhooks/guarded-agent.js';
import {
  bearer,
  referralBody,
  startReferralApp,
  type Caller,
  type ReferralTestApp,
} from './support/referral-app.js';
import { receiver } from './support/webhook-receiver.js';

interface DeliveryItem {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastResponseStatus: number | null;
  redeliveries: number;
  lastRedeliveryAt: string | null;
  payload: { deliveryId: string };
}

describe('webhook destinations and redelivery', () => {
  let t: ReferralTestApp;
  let dispatcher: WebhookDispatcher;
  beforeAll(async () => {
    t = await startReferralApp();
    dispatcher = new WebhookDispatcher({
      pool: t.pool,
      ring: t.deps.ring,
      logger: t.deps.logger,
      destinations: t.deps.webhookDestinations,
      retryDelaysSeconds: [0],
    });
  });
  afterAll(async () => {
    await dispatcher.stop();
    await t.close();
  });

  const register = (caller: Caller, url: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(caller),
      payload: { url },
    });
  const refer = (caller: Caller) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(caller), 'idempotency-key': randomUUID() },
      payload: referralBody(),
    });
  const deliveries = async (caller: Caller, id: string): Promise<DeliveryItem[]> =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/webhooks/${id}/deliveries`,
        headers: bearer(caller),
      })
    ).json<{ items: DeliveryItem[] }>().items;

  it.each([
    ['loopback, not on the allow-list', 'https://[::1]:8443/hooks'],
    ['loopback by name', 'https://localhost/hooks'],
    ['private', 'https://10.20.30.40/hooks'],
    ['private (192.168)', 'https://192.168.1.10/hooks'],
    ['the cloud metadata address (link-local)', 'https://169.254.169.254/latest/meta-data/'],
    ['carrier-grade NAT', 'https://100.64.10.1/hooks'],
    ['multicast', 'https://224.0.0.251/hooks'],
    ['unique-local IPv6', 'https://[fd12:3456::1]/hooks'],
    ['an IPv4-mapped private address', 'https://[::ffff:10.0.0.1]/hooks'],
  ])('when a referrer registers a URL on %s, then 400 names body.url', async (_kind, url) => {
    const response = await register(t.jobCentre, url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      errors: [{ field: 'body.url', message: expect.stringMatching(/address|resolve/) }],
    });
  });

  it('when a stored URL points at a private address by delivery time, then nothing is sent and the log says it was refused', async () => {
    // As if it passed registration and its name now answers with a private address.
    const subscription = await insertSubscription(t.pool, {
      id: randomUUID(),
      organisationId: t.readOnly.organisationId,
      url: 'https://10.0.0.9/ladder',
      secret: { keyId: t.deps.ring.currentId, sealed: Buffer.alloc(48) },
    });
    await refer(t.jobCentre); // so that there is a referral to hang the delivery on
    await t.pool.query(
      `insert into webhook_deliveries (id, subscription_id, referral_id, payload)
       select gen_random_uuid(), $1, id, '{}' from referrals limit 1`,
      [subscription.id],
    );
    await dispatcher.dispatchDue();
    const { rows } = await t.pool.query<{ status: string; last_error: string }>(
      'select status, last_error from webhook_deliveries where subscription_id = $1',
      [subscription.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.status).toBe('failed');
      expect(row.last_error).toContain('refused');
      expect(row.last_error).toContain('private');
    }
  });

  it('when a name resolves to loopback at connection time, then the guarded agent does not connect', async () => {
    let reached = 0;
    const server = createServer((_req, res) => {
      reached += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const agent = guardedAgent({ allowHttp: true, allowedPrivateHosts: new Set() });
    await expect(request(`http://localhost:${port}/`, { dispatcher: agent })).rejects.toThrow(
      /refused.*loopback/,
    );
    expect(reached).toBe(0);
    await agent.close();
    server.close();
  });

  it('when the receiver answers with a redirect, then it is not followed and the delivery fails', async () => {
    const target = await receiver(0);
    const redirecting = createServer((_req, res) => {
      res.writeHead(302, { location: target.url });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hooks`;
    // Stored directly, for an organisation that makes no referrals, so that no other delivery
    // reaches it; registration of such a URL is tested above.
    const id = randomUUID();
    await insertSubscription(t.pool, {
      id,
      organisationId: t.otherOperator.organisationId,
      url,
      secret: {
        keyId: t.deps.ring.currentId,
        sealed: seal(
          t.deps.ring.keys.get(t.deps.ring.currentId)!,
          Buffer.from('whsec_test'),
          `webhook:${id}`,
        ),
      },
    });
    await t.pool.query(
      `insert into webhook_deliveries (id, subscription_id, referral_id, payload)
       select gen_random_uuid(), $1, id, '{}' from referrals limit 1`,
      [id],
    );
    for (let i = 0; i < 3; i += 1) await dispatcher.dispatchDue();
    const { rows } = await t.pool.query<{ status: string; last_response_status: number }>(
      'select status, last_response_status from webhook_deliveries where subscription_id = $1',
      [id],
    );
    expect(rows).toEqual([{ status: 'failed', last_response_status: 302 }]);
    expect(target.received).toHaveLength(0);
    redirecting.close();
    target.server.close();
  });

  it('when a referrer asks for a failed delivery again, then it is sent with the same id and contents and the log counts the redelivery', async () => {
    const hook = await receiver(4); // both milestones' deliveries fail both their attempts
    const registered = await register(t.otherJobCentre, hook.url);
    const { id } = registered.json<{ id: string }>();
    await refer(t.otherJobCentre);
    for (let i = 0; i < 4; i += 1) await dispatcher.dispatchDue();
    const failed = (await deliveries(t.otherJobCentre, id)).filter((d) => d.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    const first = failed[0]!;

    // Another organisation cannot redeliver it.
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/deliveries/${first.id}/redeliver`,
      headers: bearer(t.jobCentre),
    });
    expect(refused.statusCode).toBe(404);

    const redelivered = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/deliveries/${first.id}/redeliver`,
      headers: bearer(t.otherJobCentre),
    });
    expect(redelivered.statusCode).toBe(202);
    expect(redelivered.json()).toMatchObject({ status: 'pending', attempts: 0, redeliveries: 1 });
    const before = hook.received.length;
    for (let i = 0; i < 3; i += 1) await dispatcher.dispatchDue();
    const sent = hook.received
      .slice(before)
      .map((r) => JSON.parse(r.body) as { deliveryId: string });
    expect(sent.map((b) => b.deliveryId)).toContain(first.id);
    const after = (await deliveries(t.otherJobCentre, id)).find((d) => d.id === first.id)!;
    expect(after).toMatchObject({ status: 'delivered', redeliveries: 1 });
    expect(after.lastRedeliveryAt).not.toBeNull();

    // A delivered one cannot be "redelivered".
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/deliveries/${first.id}/redeliver`,
      headers: bearer(t.otherJobCentre),
    });
    expect(again.statusCode).toBe(409);
    hook.server.close();
  });

  it('when a referrer asks for every failed delivery since a time, then exactly those are sent again', async () => {
    const hook = await receiver(1000);
    const registered = await register(t.jobCentre, hook.url);
    const { id } = registered.json<{ id: string }>();
    await refer(t.jobCentre);
    for (let i = 0; i < 3; i += 1) await dispatcher.dispatchDue();
    const failed = (await deliveries(t.jobCentre, id)).filter((d) => d.status === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(2);

    const future = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/redeliver`,
      headers: bearer(t.jobCentre),
      payload: { failedSince: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.json()).toEqual({ redelivered: [] });

    const all = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/redeliver`,
      headers: bearer(t.jobCentre),
      payload: { failedSince: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(all.statusCode).toBe(202);
    expect(all.json<{ redelivered: string[] }>().redelivered.sort()).toEqual(
      failed.map((d) => d.id).sort(),
    );
    const log = await deliveries(t.jobCentre, id);
    for (const d of log) expect(d).toMatchObject({ status: 'pending', redeliveries: 1 });

    const otherOrg = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/redeliver`,
      headers: bearer(t.otherJobCentre),
      payload: { failedSince: new Date(0).toISOString() },
    });
    expect(otherOrg.statusCode).toBe(404);
    const badTime = await t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${id}/redeliver`,
      headers: bearer(t.jobCentre),
      payload: { failedSince: 'yesterday' },
    });
    expect(badTime.statusCode).toBe(400);
    expect(JSON.stringify(badTime.json())).toContain('failedSince');
    hook.server.close();
  });
});
