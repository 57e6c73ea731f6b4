import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '@ladder/db';
import { findActiveReferral, findPerson } from '../src/db/referrals.repository.js';
import { programmeId, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

/**
 * A Queryable that, instead of running each query, asks PostgreSQL for its plan (with sequential
 * scans priced out, so a plan still holding one means no index can serve the query).
 */
function planRecorder(db: Queryable, plans: string[]): Queryable {
  return {
    query: (async (query: string | { text: string; values?: unknown[] }, params?: unknown[]) => {
      const [text, values] =
        typeof query === 'string' ? [query, params] : [query.text, query.values];
      const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(
        `explain (format json) ${text}`,
        values,
      );
      plans.push(JSON.stringify(rows[0]?.['QUERY PLAN']));
      return { rows: [], rowCount: 0 };
    }) as Queryable['query'],
  };
}

describe('the look-ups each submission makes', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when a person is looked up, then an index serves it, so a submission does not slow down as referrals grow', async () => {
    const client = await t.pool.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plans: string[] = [];
      const recorder = planRecorder(client, plans);
      await findPerson(recorder, programmeId, 'a-match-key');
      await findActiveReferral(recorder, programmeId, 'a-match-key');
      expect(plans).toHaveLength(2);
      for (const plan of plans) {
        expect(plan).toContain('Index');
        expect(plan).not.toContain('Seq Scan');
      }
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  });
});
