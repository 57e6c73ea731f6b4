import {
  insertInto,
  outboxColumns,
  outboxInsertFrom,
  rowColumns,
  rowInsert,
  type OutboxMessage,
  type RowInsert,
  type Statement,
} from '@ladder/db';
import { storedResponseRows, storeResponsesFrom, type StoredResponse } from '@ladder/idempotency';
import { participantKeyRows } from '../crypto/participant-vault.js';
import { newMilestoneRows, type Milestone, type NewReferral } from './referrals.repository.js';
import { deliveryPayload, deliveryRows } from './webhooks.repository.js';

/** Everything an accepted submission stores: a new referral and the rows that go with it. */
export interface AcceptedReferral {
  referral: NewReferral;
  /** A new participant's data key, wrapped; absent for a participant seen before (theirs is kept). */
  newDataKey?: { masterKeyId: string; wrapped: Buffer };
  /** Its first milestones, in order: they become its milestones 1, 2, ... */
  milestones: Milestone[];
  /** ReferralSubmitted, and ReportingProfileShared when the consent covers outcome reporting. */
  events: OutboxMessage[];
  idempotencyKey: string;
  response: StoredResponse;
  keepDays: number;
}

/** The `referrals` row of a new referral. */
export const referralColumns = rowColumns<NewReferral>([
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'participant_id', type: 'uuid', value: (r) => r.participant_id },
  { name: 'referrer_organisation_id', type: 'text', value: (r) => r.referrer_organisation_id },
  { name: 'programme_id', type: 'text', value: (r) => r.programme_id },
  { name: 'programme_version', type: 'int', value: (r) => r.programme_version },
  { name: 'person_match_key', type: 'text', value: (r) => r.person_match_key },
  { name: 'personal_data', type: 'bytea', encoding: 'base64', value: (r) => r.personal_data },
  { name: 'consent', type: 'jsonb', encoding: 'json', value: (r) => r.consent },
  { name: 'eligibility', type: 'jsonb', encoding: 'json', value: (r) => r.eligibility },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'active', type: 'boolean', value: (r) => r.active },
]);

const referralRows = insertInto('referrals', referralColumns);

/**
 * One table an accepted referral writes: how the referral becomes its rows, and the statements
 * that write them, one referral at a time (the transaction) or a group at once (the grouped
 * statement). The row's type stays inside.
 */
export interface ReferralRowKind {
  /** The CTE's name in the grouped statement. */
  readonly name: string;
  /** The statement for one referral's rows; undefined when it has none of this kind. */
  statement(accepted: AcceptedReferral): Statement | undefined;
  /** The group's parameters: the columns' values, then each row's referral (its position, 1..). */
  groupValues(group: readonly AcceptedReferral[]): unknown[];
  /** How many parameters groupValues gives. */
  readonly groupCount: number;
  /**
   * The insert, with its parameters from `$first` on, of the rows whose referral's position is in
   * the relation `passed` (its column `n`).
   */
  groupInsert(first: number, passed: string): string;
}

function rowKind<R>(
  name: string,
  insert: RowInsert<R>,
  rowsOf: (accepted: AcceptedReferral) => R[],
  /** The insert in the grouped statement, when it differs from the transaction's. */
  groupFrom: (relation: string) => string = insert.from,
): ReferralRowKind {
  const { columns } = insert;
  return {
    name,
    statement(accepted) {
      const rows = rowsOf(accepted);
      return rows.length > 0 ? insert.statement(rows) : undefined;
    },
    groupValues(group) {
      const rows = group.flatMap((accepted, i) =>
        rowsOf(accepted).map((row) => ({ row, n: i + 1 })),
      );
      return [...columns.values(rows.map((r) => r.row)), rows.map((r) => r.n)];
    },
    groupCount: columns.count + 1,
    groupInsert: (first, passed) =>
      groupFrom(`(select * from unnest(${columns.params(first)}, $${first + columns.count}::int[])
        with ordinality as r(${columns.names}, referral_n, n)
        where referral_n in (select n from ${passed})) r`),
  };
}

/**
 * Every row an accepted referral writes, each kind defined once (its columns, in its table's
 * module, and here how the referral's values become its rows): the single transaction
 * (acceptedReferralStatements) and the grouped statement (firstReferralsStatement) are both built
 * from this list, so a change to what a referral stores is made here.
 */
export const referralRowKinds: readonly ReferralRowKind[] = [
  rowKind('participant_key', participantKeyRows, (a) =>
    a.newDataKey ? [{ participantId: a.referral.participant_id, ...a.newDataKey }] : [],
  ),
  rowKind('referral', referralRows, (a) => [a.referral]),
  rowKind('milestone', newMilestoneRows, (a) =>
    a.milestones.map((milestone, i) => ({ referralId: a.referral.id, seq: i + 1, milestone })),
  ),
  rowKind('delivery', deliveryRows, (a) =>
    a.milestones.map((milestone) => ({
      referralId: a.referral.id,
      organisationId: a.referral.referrer_organisation_id,
      payload: deliveryPayload(a.referral, milestone, a.referral.status),
    })),
  ),
  rowKind('event', rowInsert(outboxColumns, outboxInsertFrom), (a) => a.events),
  rowKind(
    'stored_response',
    storedResponseRows,
    (a) => [
      {
        organisationId: a.referral.referrer_organisation_id,
        key: a.idempotencyKey,
        response: a.response,
        keepDays: a.keepDays,
      },
    ],
    // The grouped statement checked for a stored response in its own snapshot: one committed
    // since must fail it, not be overwritten.
    (relation) => storeResponsesFrom(relation, 'fail'),
  ),
];

/** An accepted referral's writes in the submission's transaction, for runTogether. */
export function acceptedReferralStatements(accepted: AcceptedReferral): Statement[] {
  return referralRowKinds.flatMap((kind) => kind.statement(accepted) ?? []);
}
