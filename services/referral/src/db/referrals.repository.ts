import type { Consent } from '../domain/consent.js';
import { insertInto, rowColumns, type Queryable, type Statement } from '@ladder/db';
import type { Eligibility } from '../domain/eligibility.js';

export type ReferralStatus = 'accepted' | 'not-eligible' | 'in-progress' | 'withdrawn' | 'closed';

export interface ReferralRow {
  id: string;
  participant_id: string;
  referrer_organisation_id: string;
  programme_id: string;
  programme_version: number;
  personal_data: Buffer;
  consent: Consent;
  eligibility: Eligibility;
  status: ReferralStatus;
  stage: string | null;
  outcome: string | null;
  active: boolean;
  withdrawal_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface Milestone {
  code: string;
  occurredAt: string;
  detail: Record<string, unknown>;
}

export type NewReferral = Omit<
  ReferralRow,
  'created_at' | 'updated_at' | 'stage' | 'outcome' | 'withdrawal_reason'
> & {
  person_match_key: string;
};

export async function findActiveReferral(
  db: Queryable,
  programmeId: string,
  personMatchKey: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'select id from referrals where programme_id = $1 and person_match_key = $2 and active',
    [programmeId, personMatchKey],
  );
  return rows[0]?.id;
}

export async function getReferral(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<ReferralRow | undefined> {
  const { rows } = await db.query<ReferralRow>(
    `select * from referrals where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0];
}

export async function findReferralForJourney(
  db: Queryable,
  participantId: string,
  programmeId: string,
): Promise<ReferralRow | undefined> {
  const { rows } = await db.query<ReferralRow>(
    `select * from referrals where participant_id = $1 and programme_id = $2 order by created_at desc limit 1 for update`,
    [participantId, programmeId],
  );
  return rows[0];
}

export async function updateReferralState(
  db: Queryable,
  id: string,
  state: {
    status: ReferralStatus;
    active: boolean;
    stage?: string | null;
    outcome?: string | null;
    withdrawalReason?: string;
  },
): Promise<void> {
  await db.query(
    `update referrals set status = $2, active = $3, stage = coalesce($4, stage), outcome = coalesce($5, outcome),
       withdrawal_reason = coalesce($6, withdrawal_reason), updated_at = now() where id = $1`,
    [
      id,
      state.status,
      state.active,
      state.stage ?? null,
      state.outcome ?? null,
      state.withdrawalReason ?? null,
    ],
  );
}

/** A milestone at a known place in its referral's list (1, 2, ...). */
export interface NumberedMilestone {
  referralId: string;
  seq: number;
  milestone: Milestone;
}

/**
 * The milestones of a new referral (which has none yet, so each goes where it is numbered),
 * defined once for every statement that writes them: the submission's transaction and the
 * grouped statement.
 */
export const newMilestoneRows = insertInto(
  'referral_milestones',
  rowColumns<NumberedMilestone>([
    { name: 'referral_id', type: 'uuid', value: (m) => m.referralId },
    { name: 'seq', type: 'int', value: (m) => m.seq },
    { name: 'code', type: 'text', value: (m) => m.milestone.code },
    { name: 'detail', type: 'jsonb', encoding: 'json', value: (m) => m.milestone.detail },
    { name: 'occurred_at', type: 'timestamptz', value: (m) => m.milestone.occurredAt },
  ]),
);

/**
 * Adds milestones after a referral's last, in order, skipping any whose source event is already
 * recorded (a redelivered event adds nothing).
 */
export function addMilestonesStatement(
  referralId: string,
  milestones: (Milestone & { sourceEventId?: string })[],
): Statement {
  return {
    text: `insert into referral_milestones (referral_id, seq, code, detail, occurred_at, source_event_id)
     select $1, base.n + m.ord, m.code, m.detail, m.occurred_at, m.source_event_id
     from (select coalesce(max(seq), 0) as n from referral_milestones where referral_id = $1) base,
          unnest($2::text[], $3::jsonb[], $4::timestamptz[], $5::uuid[]) with ordinality as m(code, detail, occurred_at, source_event_id, ord)
     on conflict do nothing returning code`,
    values: [
      referralId,
      milestones.map((m) => m.code),
      milestones.map((m) => JSON.stringify(m.detail)),
      milestones.map((m) => m.occurredAt),
      milestones.map((m) => m.sourceEventId ?? null),
    ],
  };
}

/** Adds milestones (see addMilestonesStatement); returns the ones that were new. */
export async function addMilestones(
  db: Queryable,
  referralId: string,
  milestones: (Milestone & { sourceEventId?: string })[],
): Promise<Milestone[]> {
  const { rows } = await db.query<{ code: string }>(addMilestonesStatement(referralId, milestones));
  const added = new Set(rows.map((r) => r.code));
  return milestones.filter((m) => added.has(m.code));
}

/**
 * The advisory lock that a submission holds on the person it refers while it decides who they are:
 * two submissions of one new person at once would otherwise each give them a participant id of
 * their own (two not-eligible referrals, which no unique index stops).
 */
export const personLockKey = (personMatchKey: string): string => `person:${personMatchKey}`;

/** Waits for, then holds until the transaction ends, the person's lock (see personLockKey). */
export async function lockPerson(tx: Queryable, personMatchKey: string): Promise<void> {
  await tx.query({
    name: 'lock-person',
    text: 'select pg_advisory_xact_lock(hashtextextended($1, 0))',
    values: [personLockKey(personMatchKey)],
  });
}

/** The person in this programme: their active referral if any, and the participant id they already have. */
export async function findPerson(
  db: Queryable,
  programmeId: string,
  personMatchKey: string,
): Promise<{ activeReferralId?: string; participantId?: string }> {
  const { rows } = await db.query<{ participant_id: string; active_id: string | null }>({
    // Prepared once per connection: every submission runs it.
    name: 'find-person',
    text: `select participant_id,
       (select id from referrals where programme_id = $1 and person_match_key = $2 and active) as active_id
     from referrals where person_match_key = $2 order by created_at limit 1`,
    values: [programmeId, personMatchKey],
  });
  const row = rows[0];
  return row
    ? {
        participantId: row.participant_id,
        ...(row.active_id ? { activeReferralId: row.active_id } : {}),
      }
    : {};
}

export async function listMilestones(db: Queryable, referralId: string): Promise<Milestone[]> {
  const { rows } = await db.query<{
    code: string;
    occurred_at: Date;
    detail: Record<string, unknown>;
  }>(
    'select code, occurred_at, detail from referral_milestones where referral_id = $1 order by seq',
    [referralId],
  );
  return rows.map((r) => ({
    code: r.code,
    occurredAt: r.occurred_at.toISOString(),
    detail: r.detail,
  }));
}
