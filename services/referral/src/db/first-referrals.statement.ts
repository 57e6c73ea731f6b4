import type { Statement } from '@ladder/db';
import { headersFor, type OutboxMessage } from '@ladder/db';
import type { StoredResponse } from './idempotency.repository.js';
import { idempotencyLockKey } from './idempotency.repository.js';
import { personLockKey, type Milestone, type NewReferral } from './referrals.repository.js';

/** Everything the usual submission (a new Idempotency-Key, a person never referred before) writes. */
export interface FirstReferral {
  referral: NewReferral;
  idempotencyKey: string;
  /** The new participant's data key, wrapped by the master key `masterKeyId`. */
  dataKey: { masterKeyId: string; wrapped: Buffer };
  /** In order; they become the referral's milestones 1, 2, ... */
  milestones: Milestone[];
  /** What the referrer's webhooks receive, one per milestone. */
  deliveryPayloads: Record<string, unknown>[];
  event: OutboxMessage;
  response: StoredResponse;
  keepDays: number;
}

/**
 * One statement that writes many first referrals (group commit): each one's participant key,
 * referral, milestones, webhook deliveries, ReferralSubmitted event and stored response, every
 * table written once for all of them. Its text never changes, so it is prepared once per
 * connection; the referrals travel as one JSON parameter.
 *
 * Each referral is written only if its own guard passes: it takes the key's lock and the person's
 * (without waiting for either), the key has no stored response (even an expired one) and no
 * referral has the person's match key in any programme. The statement returns the positions (0..)
 * of the referrals it wrote; the others are left to the full submission in a transaction. A
 * referral whose key or person was stored by a request that committed after the statement began
 * fails the whole statement on a unique index, so that nothing is written twice.
 *
 * Two referrals in one batch must not share a key or a person: a session's advisory locks do not
 * exclude each other.
 */
export function firstReferralsStatement(referrals: FirstReferral[]): Statement {
  return {
    text: firstReferralsText,
    values: [JSON.stringify(referrals.map(inputRow))],
  };
}

function inputRow(r: FirstReferral, n: number) {
  const { referral } = r;
  return {
    n,
    key_lock: idempotencyLockKey(referral.referrer_organisation_id, r.idempotencyKey),
    person_lock: personLockKey(referral.person_match_key),
    organisation_id: referral.referrer_organisation_id,
    idempotency_key: r.idempotencyKey,
    participant_id: referral.participant_id,
    master_key_id: r.dataKey.masterKeyId,
    wrapped_key: r.dataKey.wrapped.toString('base64'),
    id: referral.id,
    programme_id: referral.programme_id,
    programme_version: referral.programme_version,
    person_match_key: referral.person_match_key,
    personal_data: referral.personal_data.toString('base64'),
    consent: referral.consent,
    eligibility: referral.eligibility,
    status: referral.status,
    active: referral.active,
    milestones: r.milestones.map((m, i) => ({
      seq: i + 1,
      code: m.code,
      detail: m.detail,
      occurred_at: m.occurredAt,
    })),
    deliveries: r.deliveryPayloads,
    event_id: r.event.envelope.id,
    topic: r.event.topic,
    message_key: r.event.envelope.subject,
    headers: headersFor(r.event.envelope),
    payload: r.event.envelope,
    request_hash: r.response.requestHash,
    response_status: r.response.status,
    response_body: r.response.body,
    keep_days: r.keepDays,
  };
}

// `guarded` is materialized: its locks are taken and its checks made once, before any write, and
// every write reads the referrals that passed from it. Its look-ups are scalar subqueries, which
// PostgreSQL runs per referral on the indexes; as NOT EXISTS it turned them into anti-joins, and
// with a plan cached while the tables looked small, each statement read the whole of `referrals`
// (the API fell from about 3,000 to 900 referrals a second in some benchmark runs).
const firstReferralsText = `with input as (
    select * from json_to_recordset($1::json) as i(
      n int, key_lock text, person_lock text, organisation_id text, idempotency_key text,
      participant_id uuid, master_key_id text, wrapped_key text,
      id uuid, programme_id text, programme_version int, person_match_key text, personal_data text,
      consent jsonb, eligibility jsonb, status text, active boolean, milestones json, deliveries json,
      event_id uuid, topic text, message_key text, headers json, payload json,
      request_hash text, response_status int, response_body jsonb, keep_days int)),
  guarded as materialized (
    select * from input i
    where pg_try_advisory_xact_lock(hashtextextended(i.key_lock, 0))
      and pg_try_advisory_xact_lock(hashtextextended(i.person_lock, 0))
      and (select true from idempotency_keys k
           where k.organisation_id = i.organisation_id and k.idempotency_key = i.idempotency_key) is null
      and (select true from referrals r where r.person_match_key = i.person_match_key limit 1) is null),
  participant_key as (
    insert into participant_keys (participant_id, master_key_id, wrapped_key)
    select participant_id, master_key_id, decode(wrapped_key, 'base64') from guarded),
  referral as (
    insert into referrals (id, participant_id, referrer_organisation_id, programme_id, programme_version,
      person_match_key, personal_data, consent, eligibility, status, active)
    select id, participant_id, organisation_id, programme_id, programme_version,
      person_match_key, decode(personal_data, 'base64'), consent, eligibility, status, active
    from guarded),
  milestone as (
    insert into referral_milestones (referral_id, seq, code, detail, occurred_at)
    select g.id, m.seq, m.code, m.detail, m.occurred_at
    from guarded g cross join json_to_recordset(g.milestones) as m(seq int, code text, detail jsonb, occurred_at timestamptz)),
  delivery as (
    insert into webhook_deliveries (id, subscription_id, referral_id, payload)
    select d.id, d.subscription_id, d.referral_id, d.payload || jsonb_build_object('deliveryId', d.id)
    from (select gen_random_uuid() as id, s.id as subscription_id, g.id as referral_id, p.payload::jsonb as payload,
                 g.n, p.ord
          from guarded g
          join webhook_subscriptions s on s.organisation_id = g.organisation_id and s.active
          cross join json_array_elements(g.deliveries) with ordinality as p(payload, ord)) d
    order by d.n, d.ord),
  event as (
    insert into ladder_outbox (event_id, topic, message_key, headers, payload)
    select event_id, topic, message_key, headers, payload from guarded order by n),
  stored_response as (
    insert into idempotency_keys (organisation_id, idempotency_key, request_hash, response_status,
      response_body, expires_at)
    select organisation_id, idempotency_key, request_hash, response_status, response_body,
      now() + make_interval(days => keep_days)
    from guarded)
  select n from guarded`;
