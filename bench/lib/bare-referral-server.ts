/**
 * The baselines for the referral API benchmark, bare Fastify routes with pg and none of the API's
 * work (auth, validation, idempotency checks, eligibility, encryption, duplicate check):
 *
 * - `POST /v1/referrals` inserts the same row as a referral (the baseline);
 * - `POST /v1/referral-rows` inserts every row a referral writes (its participant's key, the
 *   referral, two milestones, its event in the outbox, the stored response) in one statement,
 *   into the referral service's own tables, to show what the rows alone cost.
 *
 * Env: DATABASE_URL (a database with the referral service's schema), PORT.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { serveBare } from './bare-server.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query(`create table if not exists bare_referrals (
  id uuid primary key, participant_id uuid not null, referrer_organisation_id text not null, programme_id text not null,
  person_match_key text not null, personal_data bytea not null, consent jsonb not null, status text not null,
  created_at timestamptz not null default now())`);

interface Body {
  programmeId: string;
  consent: unknown;
  person: { familyName: string };
}

const app = Fastify();
app.post('/v1/referrals', async (request, reply) => {
  const body = request.body as Body;
  const id = randomUUID();
  await pool.query(
    'insert into bare_referrals (id, participant_id, referrer_organisation_id, programme_id, person_match_key, personal_data, consent, status) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      id,
      randomUUID(),
      'org',
      body.programmeId,
      body.person.familyName,
      randomBytes(600),
      JSON.stringify(body.consent),
      'accepted',
    ],
  );
  return reply.code(201).send({ id });
});

app.post('/v1/referral-rows', async (request, reply) => {
  const body = request.body as Body;
  const id = randomUUID();
  const response = JSON.stringify({ id, status: 'accepted' });
  await pool.query({
    name: 'bare-referral-rows',
    text: `with participant_key as (
        insert into participant_keys (participant_id, master_key_id, wrapped_key) values ($2, 'bare', $6)),
      referral as (
        insert into referrals (id, participant_id, referrer_organisation_id, programme_id, programme_version,
          person_match_key, personal_data, consent, eligibility, status, active)
        values ($1, $2, 'org', $3, 1, $4, $5, $7, '{"decision": "eligible"}', 'accepted', true)),
      milestones as (
        insert into referral_milestones (referral_id, seq, code, occurred_at)
        values ($1, 1, 'referral-received', now()), ($1, 2, 'referral-accepted', now())),
      event as (
        insert into ladder_outbox (event_id, topic, message_key, headers, payload)
        values ($8, 'ladder.referrals', $2, '{}', $9)),
      stored_response as (
        insert into idempotency_keys (organisation_id, idempotency_key, request_hash, response_status,
          response_body, expires_at)
        values ('org', $8, 'bare', 201, $10, now() + interval '7 days'))
      select 1`,
    values: [
      id,
      randomUUID(),
      body.programmeId,
      body.person.familyName,
      randomBytes(600),
      randomBytes(60),
      JSON.stringify(body.consent),
      randomUUID(),
      JSON.stringify({ type: 'ReferralSubmitted', data: { referralId: id } }),
      response,
    ],
  });
  return reply.code(201).send(response);
});

await serveBare(app, pool);
