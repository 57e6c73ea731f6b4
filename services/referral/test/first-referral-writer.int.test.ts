import { randomBytes, randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEnvelope, referralSubmittedV1, topics } from '@ladder/events';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { waitForLockWait } from '@ladder/testing';
import type { FirstReferral } from '../src/db/first-referrals.statement.js';
import type { NewReferral } from '../src/db/referrals.repository.js';
import { FirstReferralWriter } from '../src/use-cases/first-referral-writer.js';
import { programmeId, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

const groupStatement = 'referral-first-referrals';
/** What PostgreSQL shows of the group statement's text. */
const firstReferralsQuery = 'referral first referrals';

describe('FirstReferralWriter (group commit of the usual submissions)', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  /** A first referral as submitReferral builds it; each call a new key and a new person. */
  function firstReferral(overrides: Partial<NewReferral> = {}): FirstReferral {
    const referral: NewReferral = {
      id: randomUUID(),
      participant_id: randomUUID(),
      referrer_organisation_id: t.jobCentre.organisationId,
      programme_id: programmeId,
      programme_version: 1,
      person_match_key: randomBytes(16).toString('hex'),
      personal_data: randomBytes(64),
      consent: {
        purposes: ['programme-delivery'],
        recipients: ['programme-operator'],
        givenAt: '2026-11-20T09:00:00Z',
        expiresAt: '2027-11-20T09:00:00Z',
      },
      eligibility: { decision: 'eligible', reasonCodes: [] },
      status: 'accepted',
      active: true,
      ...overrides,
    };
    const envelope = createEnvelope(
      referralSubmittedV1,
      {
        referralId: referral.id,
        participantId: referral.participant_id,
        programmeId,
        programmeVersion: 1,
        referrerOrganisationId: referral.referrer_organisation_id,
        eligibility: referral.eligibility,
        deadlines: guidanceDeadlines,
        submittedAt: new Date().toISOString(),
      },
      { source: 'test', subject: referral.participant_id, correlationId: randomUUID() },
    );
    return {
      referral,
      idempotencyKey: randomUUID(),
      newDataKey: { masterKeyId: 'test', wrapped: randomBytes(60) },
      milestones: ['referral-received', 'referral-accepted'].map((code) => ({
        code,
        occurredAt: new Date().toISOString(),
        detail: {},
      })),
      events: [{ topic: topics.referrals.name, envelope }],
      response: { requestHash: 'hash', status: 201, body: { id: referral.id } },
      keepDays: 7,
    };
  }

  /** How many group statements the writer sent while `work` ran. */
  async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
    const query = vi.spyOn(t.pool, 'query');
    try {
      await work();
      return query.mock.calls.filter(
        ([config]) => (config as { name?: string }).name === groupStatement,
      ).length;
    } finally {
      query.mockRestore();
    }
  }

  const stored = async (r: FirstReferral) => {
    const { rows } = await t.pool.query<Record<string, number>>(
      `select (select count(*)::int from referrals where id = $1) as referrals,
              (select count(*)::int from participant_keys where participant_id = $2) as keys,
              (select count(*)::int from referral_milestones where referral_id = $1) as milestones,
              (select count(*)::int from ladder_outbox where event_id = $3) as events,
              (select count(*)::int from idempotency_keys
                where organisation_id = $4 and idempotency_key = $5) as responses`,
      [
        r.referral.id,
        r.referral.participant_id,
        r.events[0]!.envelope.id,
        r.referral.referrer_organisation_id,
        r.idempotencyKey,
      ],
    );
    return rows[0];
  };
  const all = { referrals: 1, keys: 1, milestones: 2, events: 1, responses: 1 };
  const none = { referrals: 0, keys: 0, milestones: 0, events: 0, responses: 0 };

  it('when referrals arrive together, then one statement writes every row of each', async () => {
    const writer = new FirstReferralWriter(t.pool, { maxInFlight: 1, maxBatch: 100 });
    const group = [firstReferral(), firstReferral(), firstReferral()];
    let written: boolean[] = [];
    const statements = await statementsDuring(async () => {
      written = await Promise.all(group.map((r) => writer.write(r)));
    });
    expect(written).toEqual([true, true, true]);
    expect(statements).toBe(1);
    for (const r of group) expect(await stored(r)).toEqual(all);
  });

  it('when a statement is running, then the referrals arriving meanwhile wait and go together in the next', async () => {
    const writer = new FirstReferralWriter(t.pool, { maxInFlight: 1, maxBatch: 100 });
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    const referrals = [firstReferral(), firstReferral(), firstReferral(), firstReferral()];
    let written: boolean[] = [];
    const statements = await statementsDuring(async () => {
      await holder.query('begin');
      await holder.query('lock table referrals in access exclusive mode');
      try {
        const first = writer.write(referrals[0]!);
        await waitForLockWait(t.pool, { querying: firstReferralsQuery });
        const later: Promise<boolean>[] = [];
        for (const r of referrals.slice(1)) {
          later.push(writer.write(r));
          await nextTurn(); // each arrives on its own turn of the event loop
        }
        await holder.query('commit');
        written = await Promise.all([first, ...later]);
      } finally {
        await holder.query('rollback'); // only if the commit above was not reached
        await holder.end();
      }
    });
    expect(written).toEqual([true, true, true, true]);
    expect(statements).toBe(2);
  });

  it('when two referrals of a group share a key or a person, then only the first is written', async () => {
    const writer = new FirstReferralWriter(t.pool, { maxInFlight: 1, maxBatch: 100 });
    const first = firstReferral();
    const sameKey = { ...firstReferral(), idempotencyKey: first.idempotencyKey };
    const samePerson = firstReferral({ person_match_key: first.referral.person_match_key });
    const written = await Promise.all([first, sameKey, samePerson].map((r) => writer.write(r)));
    expect(written).toEqual([true, false, false]);
    expect(await stored(sameKey)).toMatchObject({ referrals: 0, keys: 0, events: 0 });
    expect(await stored(samePerson)).toEqual(none);
  });

  it("when another session holds one referral's key, then the rest of its group is written and it is not", async () => {
    const writer = new FirstReferralWriter(t.pool, { maxInFlight: 1, maxBatch: 100 });
    const a = firstReferral();
    const b = firstReferral();
    const c = firstReferral();
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `idempotency:${t.jobCentre.organisationId}:${b.idempotencyKey}`,
      ]);
      const written = await Promise.all([a, b, c].map((r) => writer.write(r)));
      expect(written).toEqual([true, false, true]);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect(await stored(b)).toEqual(none);
    expect(await stored(c)).toEqual(all);
  });

  it('when one referral of a group breaks a unique index, then nothing of the group is written and each write fails', async () => {
    const writer = new FirstReferralWriter(t.pool, { maxInFlight: 1, maxBatch: 100 });
    const earlier = firstReferral();
    expect(await writer.write(earlier)).toBe(true);
    const innocent = firstReferral();
    const clash = firstReferral({ id: earlier.referral.id }); // a new key and person, a taken id
    const results = await Promise.allSettled([innocent, clash].map((r) => writer.write(r)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(await stored(innocent)).toEqual(none);
  });
});
