import {
  outboxColumns,
  outboxInsertFrom,
  rowColumns,
  type OutboxMessage,
  type Statement,
} from '@ladder/db';
import { idempotencyLockKey, type StoredResponse } from '@ladder/idempotency';
import { referralColumns } from './referral-rows.js';
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
 * connection. The referrals travel as columns (`rowColumns`: arrays for ids and codes, one text
 * of lines for each JSON or binary column), so that PostgreSQL parses each value once; the
 * referral's own row and its event are the columns the single transaction writes them from
 * (referralColumns, the outbox's outboxColumns).
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
  const milestones = group.flatMap((r, i) =>
    r.milestones.map((m, j) => ({ n: i + 1, seq: j + 1, m })),
  );
  return {
    text: firstReferralsText,
    values: [
      ...submissionColumns.values(group),
      ...referralColumns.values(group.map((r) => r.referral)),
      ...outboxColumns.values(group.map((r) => r.event)),
      ...responseColumns.values(group),
      ...milestoneColumns.values(milestones),
    ],
  };
}

/** What a submission writes besides its referral and event: its locks, key, and data key. */
const submissionColumns = rowColumns<FirstReferral>([
  {
    name: 'key_lock',
    type: 'text',
    value: (r) => idempotencyLockKey(r.referral.referrer_organisation_id, r.idempotencyKey),
  },
  { name: 'person_lock', type: 'text', value: (r) => personLockKey(r.referral.person_match_key) },
  { name: 'idempotency_key', type: 'text', value: (r) => r.idempotencyKey },
  { name: 'master_key_id', type: 'text', value: (r) => r.dataKey.masterKeyId },
  { name: 'wrapped_key', type: 'bytea', encoding: 'base64', value: (r) => r.dataKey.wrapped },
]);

/** The Idempotency-Key's stored response. */
const responseColumns = rowColumns<FirstReferral>([
  { name: 'request_hash', type: 'text', value: (r) => r.response.requestHash },
  { name: 'response_status', type: 'int', value: (r) => r.response.status },
  { name: 'response_body', type: 'jsonb', encoding: 'json', value: (r) => r.response.body },
  { name: 'keep_days', type: 'int', value: (r) => r.keepDays },
]);

interface MilestoneInput {
  /** The referral's position in the group (1..). */
  n: number;
  seq: number;
  m: FirstReferral['milestones'][number];
}

const milestoneColumns = rowColumns<MilestoneInput>([
  { name: 'n', type: 'int', value: (x) => x.n },
  { name: 'seq', type: 'int', value: (x) => x.seq },
  { name: 'code', type: 'text', value: (x) => x.m.code },
  { name: 'detail', type: 'jsonb', encoding: 'json', value: (x) => x.m.detail },
  { name: 'occurred_at', type: 'timestamptz', value: (x) => x.m.occurredAt },
  { name: 'delivery', type: 'jsonb', encoding: 'json', value: (x) => x.m.delivery },
]);

/** Each column group's first parameter: they follow one another in the values' order. */
const first = {
  submission: 1,
  referral: 1 + submissionColumns.count,
  outbox: 1 + submissionColumns.count + referralColumns.count,
  response: 1 + submissionColumns.count + referralColumns.count + outboxColumns.count,
  milestone:
    1 +
    submissionColumns.count +
    referralColumns.count +
    outboxColumns.count +
    responseColumns.count,
};

// `guarded` is materialized: its locks are taken and its checks made once, before any write, and
// every write reads the referrals that passed from it. Its look-ups are scalar subqueries, which
// PostgreSQL runs per referral on the indexes; as NOT EXISTS it turned them into anti-joins, and
// with a plan cached while the tables looked small, each statement read the whole of `referrals`
// (ADR 0003).
// The comment names the statement where PostgreSQL shows its text (pg_stat_activity, the logs).
const firstReferralsText = `-- referral first referrals (group commit)
with input as (
    select * from unnest(${submissionColumns.params(first.submission)},
      ${referralColumns.params(first.referral)},
      ${outboxColumns.params(first.outbox)},
      ${responseColumns.params(first.response)}) with ordinality
    as i(${submissionColumns.names}, ${referralColumns.names}, ${outboxColumns.names},
      ${responseColumns.names}, n)),
  guarded as materialized (
    select * from input i
    where pg_try_advisory_xact_lock(hashtextextended(i.key_lock, 0))
      and pg_try_advisory_xact_lock(hashtextextended(i.person_lock, 0))
      and (select true from idempotency_keys k
           where k.organisation_id = i.referrer_organisation_id
             and k.idempotency_key = i.idempotency_key) is null
      and (select true from referrals r where r.person_match_key = i.person_match_key limit 1) is null),
  milestone_input as (
    select * from unnest(${milestoneColumns.params(first.milestone)})
    as m(${milestoneColumns.names})),
  participant_key as (
    insert into participant_keys (participant_id, master_key_id, wrapped_key)
    select participant_id, master_key_id, decode(wrapped_key, 'base64') from guarded),
  referral as (
    insert into referrals (${referralColumns.names})
    select ${referralColumns.select} from guarded),
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
          join webhook_subscriptions s on s.organisation_id = g.referrer_organisation_id and s.active) d
    order by d.n, d.seq),
  event as (
    ${outboxInsertFrom('guarded')}),
  stored_response as (
    insert into idempotency_keys (organisation_id, idempotency_key, request_hash, response_status,
      response_body, expires_at)
    select referrer_organisation_id, idempotency_key, request_hash, response_status, response_body,
      now() + make_interval(days => keep_days)
    from guarded)
  select n from guarded`;
