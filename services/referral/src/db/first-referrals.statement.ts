import { rowColumns, type Statement } from '@ladder/db';
import { idempotencyLockKey } from '@ladder/idempotency';
import { referralRowKinds, type AcceptedReferral } from './referral-rows.js';
import { personLockKey } from './referrals.repository.js';

/** The usual submission (a new Idempotency-Key, a person never referred before): a new participant. */
export type FirstReferral = AcceptedReferral & Required<Pick<AcceptedReferral, 'newDataKey'>>;

/**
 * One statement that writes many first referrals (group commit): each one's rows (every kind in
 * referralRowKinds, built from the same definitions as the single transaction's), every table
 * written once for all of them. Its text never changes, so it is prepared once per connection.
 * The referrals travel as columns (`rowColumns`: arrays for ids and codes, one text of lines for
 * each JSON or binary column), so that PostgreSQL parses each value once.
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
  return {
    text: firstReferralsText,
    values: [
      ...guardColumns.values(group),
      ...referralRowKinds.flatMap((kind) => kind.groupValues(group)),
    ],
  };
}

/** What each referral's guard reads: the locks it takes, its key and its person. */
const guardColumns = rowColumns<FirstReferral>([
  {
    name: 'key_lock',
    type: 'text',
    value: (r) => idempotencyLockKey(r.referral.referrer_organisation_id, r.idempotencyKey),
  },
  { name: 'person_lock', type: 'text', value: (r) => personLockKey(r.referral.person_match_key) },
  { name: 'organisation_id', type: 'text', value: (r) => r.referral.referrer_organisation_id },
  { name: 'idempotency_key', type: 'text', value: (r) => r.idempotencyKey },
  { name: 'person_match_key', type: 'text', value: (r) => r.referral.person_match_key },
]);

/** Each kind's insert as a CTE, its parameters following the guard's and the kinds' before it. */
function writes(): string {
  let first = 1 + guardColumns.count;
  return referralRowKinds
    .map((kind) => {
      const cte = `  ${kind.name} as (\n    ${kind.groupInsert(first, 'guarded')})`;
      first += kind.groupCount;
      return cte;
    })
    .join(',\n');
}

// `guarded` is materialized: its locks are taken and its checks made once, before any write, and
// every write reads the referrals that passed from it. Its look-ups are scalar subqueries, which
// PostgreSQL runs per referral on the indexes; as NOT EXISTS it turned them into anti-joins, and
// with a plan cached while the tables looked small, each statement read the whole of `referrals`
// (ADR 0003).
// The comment names the statement where PostgreSQL shows its text (pg_stat_activity, the logs).
const firstReferralsText = `-- referral first referrals (group commit)
with guarded as materialized (
    select * from unnest(${guardColumns.params(1)}) with ordinality
      as i(${guardColumns.names}, n)
    where pg_try_advisory_xact_lock(hashtextextended(i.key_lock, 0))
      and pg_try_advisory_xact_lock(hashtextextended(i.person_lock, 0))
      and (select true from idempotency_keys k
           where k.organisation_id = i.organisation_id
             and k.idempotency_key = i.idempotency_key) is null
      and (select true from referrals r where r.person_match_key = i.person_match_key limit 1) is null),
${writes()}
  select n from guarded`;
