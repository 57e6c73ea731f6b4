import type { Statement } from '@ladder/db';
import { headersFor, type OutboxMessage } from '@ladder/db';
import { idempotencyLockKey, type StoredResponse } from '@ladder/idempotency';
import { personLockKey, type Milestone, type NewReferral } from './referrals.repository.js';

/** Everything the usual submission (a new Idempotency-Key, a person never referred before) writes. */
export interface FirstReferral {
  referral: NewReferral;
  idempotencyKey: string;
  /** The new participant's data key, wrapped by the master key `masterKeyId`. */
  dataKey: { masterKeyId: string; wrapped: Buffer };
  /**
   * In order; they become the referral's milestones 1, 2, ..., each with what the referrer's
   * webhooks receive for it.
   */
  milestones: (Milestone & { delivery: Record<string, unknown> })[];
  event: OutboxMessage;
  response: StoredResponse;
  keepDays: number;
}

/**
 * One statement that writes many first referrals (group commit): each one's participant key,
 * referral, milestones, webhook deliveries, ReferralSubmitted event and stored response, every
 * table written once for all of them. Its text never changes, so it is prepared once per
 * connection. The referrals travel as columns: arrays for ids and codes, and one text of lines
 * for each JSON or binary column (JSON text and base64 never hold a raw newline), so that
 * PostgreSQL parses each value once (a JSON document of the whole group, tried first, cost about
 * a fifth of PostgreSQL's CPU to parse).
 *
 * Each referral is written only if its own guard passes: it takes the key's lock and the person's
 * (without waiting for either), the key has no stored response (even an expired one) and no
 * referral has the person's match key in any programme. The statement returns the positions (1..)
 * of the referrals it wrote; the others are left to the full submission in a transaction. A
 * referral whose key or person was stored by a request that committed after the statement began
 * fails the whole statement on a unique index, so that nothing is written twice.
 *
 * Two referrals in one group must not share a key or a person: a session's advisory locks do not
 * exclude each other.
 */
export function firstReferralsStatement(group: FirstReferral[]): Statement {
  const column = <T>(value: (r: FirstReferral) => T): T[] => group.map(value);
  const lines = (value: (r: FirstReferral) => string): string => group.map(value).join('\n');
  const milestones = group.flatMap((r, i) =>
    r.milestones.map((m, j) => ({ n: i + 1, seq: j + 1, m })),
  );
  return {
    text: firstReferralsText,
    values: [
      column((r) => idempotencyLockKey(r.referral.referrer_organisation_id, r.idempotencyKey)),
      column((r) => personLockKey(r.referral.person_match_key)),
      column((r) => r.referral.referrer_organisation_id),
      column((r) => r.idempotencyKey),
      column((r) => r.referral.participant_id),
      column((r) => r.dataKey.masterKeyId),
      lines((r) => r.dataKey.wrapped.toString('base64')),
      column((r) => r.referral.id),
      column((r) => r.referral.programme_id),
      column((r) => r.referral.programme_version),
      column((r) => r.referral.person_match_key),
      lines((r) => r.referral.personal_data.toString('base64')),
      lines((r) => JSON.stringify(r.referral.consent)),
      lines((r) => JSON.stringify(r.referral.eligibility)),
      column((r) => r.referral.status),
      column((r) => r.referral.active),
      column((r) => r.event.envelope.id),
      column((r) => r.event.topic),
      column((r) => r.event.envelope.subject),
      lines((r) => JSON.stringify(headersFor(r.event.envelope))),
      lines((r) => JSON.stringify(r.event.envelope)),
      column((r) => r.response.requestHash),
      column((r) => r.response.status),
      lines((r) => JSON.stringify(r.response.body)),
      column((r) => r.keepDays),
      milestones.map((x) => x.n),
      milestones.map((x) => x.seq),
      milestones.map((x) => x.m.code),
      milestones.map((x) => JSON.stringify(x.m.detail)).join('\n'),
      milestones.map((x) => x.m.occurredAt),
      milestones.map((x) => JSON.stringify(x.m.delivery)).join('\n'),
    ],
  };
}

// `guarded` is materialized: its locks are taken and its checks made once, before any write, and
// every write reads the referrals that passed from it. Its look-ups are scalar subqueries, which
// PostgreSQL runs per referral on the indexes; as NOT EXISTS it turned them into anti-joins, and
// with a plan cached while the tables looked small, each statement read the whole of `referrals`
// (the API fell from about 3,000 to 900 referrals a second in some benchmark runs).
// The comment names the statement where PostgreSQL shows its text (pg_stat_activity, the logs).
const firstReferralsText = `-- referral first referrals (group commit)
with input as (
    select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[],
      string_to_array($7, E'\\n'), $8::uuid[], $9::text[], $10::int[], $11::text[],
      string_to_array($12, E'\\n'), string_to_array($13, E'\\n')::jsonb[],
      string_to_array($14, E'\\n')::jsonb[], $15::text[], $16::boolean[], $17::uuid[], $18::text[],
      $19::text[], string_to_array($20, E'\\n')::json[], string_to_array($21, E'\\n')::json[],
      $22::text[], $23::int[], string_to_array($24, E'\\n')::jsonb[], $25::int[]) with ordinality
    as i(key_lock, person_lock, organisation_id, idempotency_key, participant_id, master_key_id,
      wrapped_key, id, programme_id, programme_version, person_match_key, personal_data, consent,
      eligibility, status, active, event_id, topic, message_key, headers, payload,
      request_hash, response_status, response_body, keep_days, n)),
  guarded as materialized (
    select * from input i
    where pg_try_advisory_xact_lock(hashtextextended(i.key_lock, 0))
      and pg_try_advisory_xact_lock(hashtextextended(i.person_lock, 0))
      and (select true from idempotency_keys k
           where k.organisation_id = i.organisation_id and k.idempotency_key = i.idempotency_key) is null
      and (select true from referrals r where r.person_match_key = i.person_match_key limit 1) is null),
  milestone_input as (
    select * from unnest($26::int[], $27::int[], $28::text[], string_to_array($29, E'\\n')::jsonb[],
      $30::timestamptz[], string_to_array($31, E'\\n')::jsonb[])
    as m(n, seq, code, detail, occurred_at, delivery)),
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
    from milestone_input m join guarded g on g.n = m.n),
  delivery as (
    insert into webhook_deliveries (id, subscription_id, referral_id, payload)
    select d.id, d.subscription_id, d.referral_id, d.delivery || jsonb_build_object('deliveryId', d.id)
    from (select gen_random_uuid() as id, s.id as subscription_id, g.id as referral_id, m.delivery,
                 m.n, m.seq
          from milestone_input m
          join guarded g on g.n = m.n
          join webhook_subscriptions s on s.organisation_id = g.organisation_id and s.active) d
    order by d.n, d.seq),
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
