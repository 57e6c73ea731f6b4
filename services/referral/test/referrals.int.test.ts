import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForLockWait } from '@ladder/testing';
import { referralRequestSchema } from '../src/domain/referral-request.js';
import { personMatchKey } from '../src/crypto/person-matching.js';
import { requestHash } from '@ladder/idempotency';
import {
  bearer,
  niNumber,
  programmeId,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

describe('POST /v1/referrals', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  const submit = (body: unknown, key: string | null = randomUUID(), caller = t.jobCentre) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(caller), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body as object,
    });

  it('when a Job Centre refers an eligible person, then it is accepted with its eligibility and a link', async () => {
    const response = await submit(referralBody());
    expect(response.statusCode).toBe(201);
    const body = response.json<{
      id: string;
      status: string;
      eligibility: unknown;
      links: { self: string };
    }>();
    expect(body).toMatchObject({
      status: 'accepted',
      eligibility: { decision: 'eligible', reasonCodes: [] },
    });
    expect(response.headers.location).toBe(`/v1/referrals/${body.id}`);
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('when the person fails the programme rules, then the referral is stored as not eligible with the reasons', async () => {
    const response = await submit(
      referralBody({ person: { dateOfBirth: '1970-01-01', postcode: 'M1 1AE' } }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'not-eligible',
      eligibility: {
        decision: 'not-eligible',
        reasonCodes: ['age-out-of-range', 'area-not-served'],
      },
    });
  });

  it('when the Idempotency-Key header is missing, then it is refused with 400 naming the header', async () => {
    const response = await submit(referralBody(), null);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json())).toContain('idempotency-key');
  });

  it('when the same key and body are sent again, then the first response is replayed and nothing is added', async () => {
    const key = randomUUID();
    const body = referralBody();
    const first = await submit(body, key);
    const again = await submit(body, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const { rows } = await t.pool.query('select count(*)::int as n from referrals where id = $1', [
      first.json<{ id: string }>().id,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('when the same key comes with a different body, then it is refused with 422', async () => {
    const key = randomUUID();
    await submit(referralBody(), key);
    const response = await submit(referralBody(), key);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency-key-reused' });
  });

  it('when the same key is still being processed, then a second request gets 409', async () => {
    const key = randomUUID();
    // Hold the key's lock as an in-flight request would.
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `idempotency:${t.jobCentre.organisationId}:${key}`,
    ]);
    const response = await submit(referralBody(), key);
    await holder.query('rollback');
    await holder.end();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'idempotency-key-in-flight' });
  });

  it('when a response for the key is stored while the request is being written, then it answers with that response and writes nothing', async () => {
    const key = randomUUID();
    const body = referralBody();
    const earlier = (await submit(referralBody())).json<unknown>();
    // Another request's transaction stores a response for the key, without its lock, so that the
    // group statement lets it through and then meets the stored key when it is committed.
    const other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
    await other.query('begin');
    await other.query(
      `insert into idempotency_keys (organisation_id, idempotency_key, request_hash, response_status, response_body, expires_at)
       values ($1, $2, $3, 201, $4, now() + interval '7 days')`,
      [
        t.jobCentre.organisationId,
        key,
        requestHash(referralRequestSchema.parse(body)),
        JSON.stringify(earlier),
      ],
    );
    const count = async () =>
      (await t.pool.query<{ n: number }>('select count(*)::int as n from referrals')).rows[0]!.n;
    const before = await count();
    const pending = submit(body, key);
    await waitForLockWait(t.pool);
    await other.query('commit');
    await other.end();
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.headers['idempotent-replayed']).toBe('true');
    expect(response.json()).toEqual(earlier);
    expect(await count()).toBe(before);
  });

  it('when one new person is referred twice at once, then both referrals are of one participant', async () => {
    // Not eligible (too old), so no unique index keeps the second out: the person's lock must.
    const body = referralBody({ person: { niNumber: niNumber(), dateOfBirth: '1970-01-01' } });
    const matchKey = personMatchKey(t.deps.matchingKey, referralRequestSchema.parse(body).person);
    // The other submission holds the person's lock and has written its referral, not yet committed.
    const other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
    await other.query('begin');
    await other.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `person:${matchKey}`,
    ]);
    const participantId = randomUUID();
    await other.query(
      `insert into referrals (id, participant_id, referrer_organisation_id, programme_id, programme_version,
         person_match_key, personal_data, consent, eligibility, status, active)
       values ($1, $2, $3, $4, 1, $5, '\\x00', '{}', '{"decision": "not-eligible"}', 'not-eligible', false)`,
      [randomUUID(), participantId, t.jobCentre.organisationId, programmeId, matchKey],
    );
    const pending = submit(body);
    await waitForLockWait(t.pool);
    await other.query('commit');
    await other.end();
    const response = await pending;
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'not-eligible', participantId });
  });

  it('when another organisation uses the same key, then it is a different request', async () => {
    const key = randomUUID();
    const body = referralBody();
    expect((await submit(body, key)).statusCode).toBe(201);
    expect(
      (
        await submit(
          { ...body, person: { ...body.person, familyName: 'Other' } },
          key,
          t.otherJobCentre,
        )
      ).statusCode,
    ).toBe(201);
  });

  it('when the person already has an active referral in the programme (same NI number), then 409 links to it', async () => {
    const ni = niNumber();
    const first = await submit(referralBody({ person: { niNumber: ni } }));
    const second = await submit(
      referralBody({ person: { niNumber: ni.toLowerCase(), familyName: 'Different' } }),
      randomUUID(),
      t.otherJobCentre,
    );
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'duplicate-referral',
      existingReferral: `/v1/referrals/${first.json<{ id: string }>().id}`,
    });
  });

  it('when there is no NI number, then the same name and date of birth is a duplicate', async () => {
    const person = {
      givenName: 'Jordan',
      familyName: `Lee-${randomUUID()}`,
      dateOfBirth: '2001-02-03',
    };
    expect((await submit(referralBody({ person }))).statusCode).toBe(201);
    expect(
      (await submit(referralBody({ person: { ...person, givenName: 'JORDAN' } }))).statusCode,
    ).toBe(409);
  });

  it('when a referral is accepted, then the referral, its idempotency record and ReferralSubmitted are all stored', async () => {
    const key = randomUUID();
    const id = (await submit(referralBody(), key)).json<{ id: string }>().id;
    const counts = await t.pool.query<{ referrals: number; keys: number; events: number }>(
      `select (select count(*)::int from referrals where id::text = $1) as referrals,
              (select count(*)::int from idempotency_keys where idempotency_key = $2) as keys,
              (select count(*)::int from ladder_outbox where payload->'data'->>'referralId' = $1 and payload->>'type' = 'ReferralSubmitted') as events`,
      [id, key],
    );
    expect(counts.rows[0]).toEqual({ referrals: 1, keys: 1, events: 1 });
  });

  it('when a field is wrong, then the problem names it', async () => {
    const response = await submit(
      referralBody({ person: { niNumber: 'not-an-ni', postcode: 'nowhere' } }),
    );
    expect(response.statusCode).toBe(400);
    const fields = JSON.stringify(response.json());
    expect(fields).toContain('person.niNumber');
    expect(fields).toContain('person.postcode');
    expect(fields).not.toContain('not-an-ni'); // problems name fields, never echo personal data
  });

  it('when the programme does not exist, then it is refused with 422 naming the field', async () => {
    const response = await submit(referralBody({ programmeId: 'no-such-programme' }));
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json())).toContain('body.programmeId');
  });

  it('when there are no credentials, then 401; when the key lacks the scope, then 403', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { 'idempotency-key': randomUUID() },
      payload: referralBody(),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await submit(referralBody(), randomUUID(), t.readOnly)).statusCode).toBe(403);
  });
});
