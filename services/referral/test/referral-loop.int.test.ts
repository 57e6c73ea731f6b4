import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  referralBody,
  startReferralApp,
  type Caller,
  type ReferralTestApp,
} from './support/referral-app.js';

describe('the closed loop: reading, listing and withdrawing referrals', () => {
  let t: ReferralTestApp;
  const submit = async (caller: Caller = t.jobCentre, body = referralBody()): Promise<string> => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(caller), 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const get = (id: string, caller: Caller = t.jobCentre) =>
    t.app.inject({ method: 'GET', url: `/v1/referrals/${id}`, headers: bearer(caller) });

  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when the referrer reads its referral, then it sees status, milestones and what it submitted', async () => {
    const body = referralBody();
    const id = await submit(t.jobCentre, body);
    const response = await get(id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id,
      status: 'accepted',
      active: true,
      milestones: [
        { code: 'referral-received' },
        { code: 'referral-accepted', detail: { decision: 'eligible' } },
      ],
      personalData: {
        person: { familyName: body.person.familyName },
        priorityGroups: body.priorityGroups,
      },
    });
  });

  it('when another organisation asks for the referral, then it is not found', async () => {
    const id = await submit();
    const response = await get(id, t.otherJobCentre);
    expect(response.statusCode).toBe(404);
    expect(JSON.stringify(response.json())).not.toContain(id.slice(0, 8) + 'x');
  });

  it("when listing, then only the caller's referrals come back, filtered and paged by cursor", async () => {
    const mine = [await submit(), await submit(), await submit()];
    await submit(t.otherJobCentre);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `status=accepted&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.app.inject({
        method: 'GET',
        url: `/v1/referrals?${query}`,
        headers: bearer(t.jobCentre),
      });
      expect(page.statusCode).toBe(200);
      const json = page.json<{
        items: { id: string; status: string }[];
        nextCursor: string | null;
      }>();
      for (const item of json.items) expect(item.status).toBe('accepted');
      seen.push(...json.items.map((i) => i.id));
      cursor = json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(mine));
    expect(new Set(seen).size).toBe(seen.length);

    const others = await t.app.inject({
      method: 'GET',
      url: '/v1/referrals?limit=200',
      headers: bearer(t.otherJobCentre),
    });
    const otherIds = others.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    for (const id of mine) expect(otherIds).not.toContain(id);
  });

  it('when updatedSince is given, then only referrals changed since then are listed', async () => {
    const before = await submit();
    // updatedSince has milliseconds and updated_at microseconds: `before` can be stored within the
    // millisecond that `since` is cut down to, and then counts as changed since (seen in CI).
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const after = await submit();
    const page = await t.app.inject({
      method: 'GET',
      url: `/v1/referrals?updatedSince=${encodeURIComponent(since)}&limit=200`,
      headers: bearer(t.jobCentre),
    });
    const ids = page.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(ids).toContain(after);
    expect(ids).not.toContain(before);
  });

  it('when the cursor is not one the API gave out, then 400 names it', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/v1/referrals?cursor=garbage',
      headers: bearer(t.jobCentre),
    });
    expect(page.statusCode).toBe(400);
    expect(JSON.stringify(page.json())).toContain('cursor');
  });

  it('when the referrer withdraws with a reason, then the referral is withdrawn and ReferralWithdrawn is queued', async () => {
    const id = await submit();
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.jobCentre),
      payload: { reasonCode: 'found-work-elsewhere' },
    });
    expect(response.statusCode).toBe(204);
    expect((await get(id)).json()).toMatchObject({
      status: 'withdrawn',
      active: false,
      withdrawalReason: 'found-work-elsewhere',
    });
    const { rows } = await t.pool.query(
      `select 1 from ladder_outbox where payload->>'type' = 'ReferralWithdrawn' and payload->'data'->>'referralId' = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.jobCentre),
      payload: { reasonCode: 'other' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('when another organisation tries to withdraw it, then it is not found and nothing changes', async () => {
    const id = await submit();
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.otherJobCentre),
      payload: { reasonCode: 'other' },
    });
    expect(response.statusCode).toBe(404);
    expect((await get(id)).json()).toMatchObject({ status: 'accepted' });
  });

  it('when the reason code is not one of ours, then 400 names the field', async () => {
    const id = await submit();
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.jobCentre),
      payload: { reasonCode: 'bored' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('reasonCode');
  });

  it('when a withdrawn person is referred again, then a new referral is accepted', async () => {
    const body = referralBody();
    const id = await submit(t.jobCentre, body);
    await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.jobCentre),
      payload: { reasonCode: 'other' },
    });
    expect(await submit(t.jobCentre, { ...body })).not.toBe(id);
  });
});
