import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

interface Page {
  items: { id: string; stage: string | null }[];
  nextCursor: string | null;
  resumeCursor: string;
}

describe('the referral change feed', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  const poll = async (cursor?: string): Promise<Page> =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/referrals?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(t.jobCentre),
      })
    ).json<Page>();

  /** Polls from `cursor` until `done` holds for what was seen (other test files' transactions on
   * the same server can hold the feed's horizon back for a moment). */
  const pollUntil = async (
    cursor: string,
    done: (seen: Page['items']) => boolean,
  ): Promise<{ seen: Page['items']; cursor: string }> => {
    const seen: Page['items'] = [];
    for (let i = 0; i < 100; i += 1) {
      const page = await poll(cursor);
      seen.push(...page.items);
      cursor = page.resumeCursor;
      if (done(seen)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { seen, cursor };
  };

  it('when a change commits after a later one, then the poller sees both, each once, and the early one is not skipped', async () => {
    const submit = async (): Promise<string> =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/referrals',
          headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
          payload: referralBody(),
        })
      ).json<{ id: string }>().id;
    const first = await submit();
    const second = await submit();
    const start = await pollUntil('', (seen) =>
      [first, second].every((id) => seen.some((s) => s.id === id)),
    );
    expect(start.seen.map((s) => s.id)).toEqual(expect.arrayContaining([first, second]));

    // A transaction begins and changes the first referral, and stays open...
    const early = new pg.Client({ connectionString: t.db.url });
    await early.connect();
    await early.query('begin');
    await early.query("update referrals set stage = 'training' where id = $1", [first]);
    // ...while a later one changes the second and commits first.
    await t.pool.query("update referrals set stage = 'placement' where id = $1", [second]);

    const during = await poll(start.cursor);
    expect(during.items.map((i) => i.id)).not.toContain(second); // it waits for the early one
    expect(during.items.map((i) => i.id)).not.toContain(first);

    await early.query('commit');
    await early.end();
    const after = await pollUntil(during.resumeCursor, (seen) =>
      [first, second].every((id) => seen.some((s) => s.id === id)),
    );
    expect(after.seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, stage: 'training' }),
        expect.objectContaining({ id: second, stage: 'placement' }),
      ]),
    );
    expect(after.seen.filter((s) => s.id === first)).toHaveLength(1);
    expect(after.seen.filter((s) => s.id === second)).toHaveLength(1);

    const quiet = await poll(after.cursor);
    expect(quiet.items).toEqual([]);
    expect(quiet.nextCursor).toBeNull();
  });

  it('when a page is full, then nextCursor fetches the rest and no referral is listed twice', async () => {
    for (let i = 0; i < 5; i += 1)
      await t.app.inject({
        method: 'POST',
        url: '/v1/referrals',
        headers: { ...bearer(t.otherJobCentre), 'idempotency-key': randomUUID() },
        payload: referralBody(),
      });
    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page = (
        await t.app.inject({
          method: 'GET',
          url: `/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer(t.otherJobCentre),
        })
      ).json<Page>();
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });
});
