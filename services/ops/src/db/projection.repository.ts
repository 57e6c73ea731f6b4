import type { Queryable } from '@ladder/db';
import { endingOutcomes } from '@ladder/vocabulary';
import { employerTables, refreshEmployerWaits } from './employer-projection.repository.js';
import { reportingProfileTables } from './reporting-profile.repository.js';

/** What a journey's timeline records for one event (codes only). */
export interface MilestoneRow {
  eventId: string;
  referralId: string;
  /** `staff`: a milestone the operator's staff recorded (JourneyMilestoneRecorded). */
  kind: 'referral' | 'stage' | 'outcome' | 'stall' | 'staff';
  code: string;
  occurredAt: string;
  detail: Record<string, string | boolean | null>;
}

/** The ids every event about a journey carries, enough to start its row before its referral arrives. */
export interface JourneyKey {
  referralId: string;
  participantId: string;
  programmeId: string;
}

/** Records one event's fact; a second copy of the same event adds nothing. */
export async function insertMilestone(tx: Queryable, m: MilestoneRow): Promise<void> {
  await tx.query(
    `insert into journey_milestone (event_id, referral_id, kind, code, occurred_at, detail)
     values ($1, $2, $3, $4, $5, $6) on conflict (event_id) do nothing`,
    [m.eventId, m.referralId, m.kind, m.code, m.occurredAt, JSON.stringify(m.detail)],
  );
}

/** A fact about a participant in a programme that names no referral (a training or employer event). */
export interface ParticipantMilestoneRow {
  eventId: string;
  source: 'training' | 'employer';
  participantId: string;
  programmeId: string;
  code: string;
  occurredAt: string;
  detail: Record<string, string | number | boolean | null>;
}

export async function insertParticipantMilestone(
  tx: Queryable,
  m: ParticipantMilestoneRow,
): Promise<void> {
  await tx.query(
    `insert into participant_milestone (event_id, participant_id, programme_id, code, occurred_at, detail, source)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (event_id) do nothing`,
    [
      m.eventId,
      m.participantId,
      m.programmeId,
      m.code,
      m.occurredAt,
      JSON.stringify(m.detail),
      m.source,
    ],
  );
}

/**
 * Makes the events of the same participants in a programme wait for each other until the
 * transaction ends, whichever topic they come on and whether or not their journey has a row yet.
 * A training or employer event finds its journeys with a select, which cannot see the row a
 * concurrent ReferralSubmitted has inserted and not yet committed, and that referral's derivation
 * cannot see the event's uncommitted facts: each would commit and the journey's derived columns
 * (its next deadline, what it waits on) would miss the event. With this lock taken before either
 * touches a journey, the second to come waits and then sees the first's rows. Taken in the order of
 * the keys, so two transactions locking several never wait on each other in a circle.
 */
async function lockParticipants(
  tx: Queryable,
  programmeId: string,
  participantIds: readonly string[],
): Promise<void> {
  await tx.query(
    `select pg_advisory_xact_lock(k) from (
       select distinct hashtextextended('ops.journeys-of.' || $2 || '.' || p, 0) as k
         from unnest($1::text[]) as p order by k) keys`,
    [participantIds, programmeId],
  );
}

/** Locks the journeys of participants in a programme (see lockJourney) and names them. */
export async function lockJourneysOf(
  tx: Queryable,
  programmeId: string,
  participantIds: readonly string[],
): Promise<string[]> {
  await lockParticipants(tx, programmeId, participantIds);
  const { rows } = await tx.query<{ referral_id: string }>(
    `select referral_id from journey where participant_id = any($1::uuid[]) and programme_id = $2
      order by referral_id for update`,
    [participantIds, programmeId],
  );
  return rows.map((r) => r.referral_id);
}

/**
 * Starts the journey's row if no event about it has yet, and locks it until the transaction ends.
 * The journey's events travel on two topics, handled side by side: the lock makes the second of two
 * concurrent events wait, and then see the first's milestone when it derives the row again.
 */
export async function lockJourney(tx: Queryable, key: JourneyKey, at: string): Promise<void> {
  await lockParticipants(tx, key.programmeId, [key.participantId]);
  await tx.query(
    `insert into journey (referral_id, participant_id, programme_id, last_milestone_at)
     values ($1, $2, $3, $4) on conflict (referral_id) do nothing`,
    [key.referralId, key.participantId, key.programmeId, at],
  );
  await tx.query('select 1 from journey where referral_id = $1 for update', [key.referralId]);
}

export interface ReferralFacts extends JourneyKey {
  referrerOrganisationId: string;
  programmeVersion: number;
  eligibility: 'eligible' | 'not-eligible';
  referredAt: string;
}

/**
 * The referral's own facts, which only ReferralSubmitted carries. Its participant is locked first
 * (see lockParticipants), as lockJourney does after it: a journey event taking that lock in between
 * would otherwise wait on this row while this waits on its lock.
 */
export async function recordReferral(tx: Queryable, r: ReferralFacts): Promise<void> {
  await lockParticipants(tx, r.programmeId, [r.participantId]);
  await tx.query(
    `insert into journey (referral_id, participant_id, programme_id, referrer_organisation_id,
                          programme_version, eligibility, referred_at, last_milestone_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)
     on conflict (referral_id) do update set
       referrer_organisation_id = excluded.referrer_organisation_id,
       programme_version = excluded.programme_version,
       eligibility = excluded.eligibility,
       referred_at = excluded.referred_at`,
    [
      r.referralId,
      r.participantId,
      r.programmeId,
      r.referrerOrganisationId,
      r.programmeVersion,
      r.eligibility,
      r.referredAt,
    ],
  );
}

/**
 * Derives each journey's current columns from all of its milestones, ordered by when they
 * happened (then by event id, which is time-ordered): so the row is the same whatever order the
 * events arrived in, and a rebuild gives it byte for byte. The stage is the latest; waiting is the
 * latest missed deadline of that stage, since it began, while the journey has not ended; the
 * ending outcome is the first outcome that ends a journey.
 */
export async function refreshJourneys(
  tx: Queryable,
  referralIds: readonly string[],
): Promise<void> {
  await tx.query(
    `with derived as (
       select r.id, s.code as stage, s.occurred_at as stage_since,
              o.code as ending_outcome, o.occurred_at as ended_at,
              case when o.code is null then st.code end as deadline_name,
              case when o.code is null then (st.detail->>'dueAt')::timestamptz end as deadline_due_at,
              case when o.code is null then st.detail->>'waitingFor' end as waiting_for,
              case when o.code is null then st.detail->>'from' end as waiting_from,
              o.code is null and coalesce((st.detail->>'escalated')::boolean, false) as escalated,
              coalesce(wo.detail->>'reasonCode', wr.detail->>'reasonCode') as withdrawn_reason,
              coalesce(risk.at_risk, false) as at_risk,
              l.last_at
         from unnest($1::uuid[]) as r(id)
         join journey jr on jr.referral_id = r.id
         left join lateral (
           select not exists (
                    select 1 from participant_milestone later
                     where later.participant_id = jr.participant_id
                       and later.programme_id = jr.programme_id
                       and (later.occurred_at, later.event_id) > (a.occurred_at, a.event_id)
                       and (later.code in ('training-completed', 'training-withdrawn')
                            or later.detail->>'mark' in ('attended', 'late'))) as at_risk
             from participant_milestone a
            where a.participant_id = jr.participant_id and a.programme_id = jr.programme_id
              and a.code = 'training-at-risk'
            order by a.occurred_at desc, a.event_id desc limit 1) risk on true
         left join lateral (
           select code, occurred_at from journey_milestone
            where referral_id = r.id and kind = 'stage'
            order by occurred_at desc, event_id desc limit 1) s on true
         left join lateral (
           select code, detail from journey_milestone
            where referral_id = r.id and kind = 'stall' and detail->>'stage' = s.code
              and occurred_at >= s.occurred_at
            order by occurred_at desc, event_id desc limit 1) st on true
         left join lateral (
           select code, occurred_at from journey_milestone
            where referral_id = r.id and kind = 'outcome' and code = any($2::text[])
            order by occurred_at, event_id limit 1) o on true
         left join lateral (
           select detail from journey_milestone
            where referral_id = r.id and kind = 'outcome' and code = 'withdrawn'
            order by occurred_at, event_id limit 1) wo on true
         left join lateral (
           select detail from journey_milestone
            where referral_id = r.id and kind = 'referral' and code = 'referral-withdrawn'
            order by occurred_at, event_id limit 1) wr on true
         left join lateral (
           select greatest(
             (select max(occurred_at) from journey_milestone where referral_id = r.id),
             (select max(occurred_at) from participant_milestone
               where participant_id = jr.participant_id and programme_id = jr.programme_id)
           ) as last_at) l on true
     )
     update journey j set
       stage = d.stage, stage_since = d.stage_since,
       ending_outcome = d.ending_outcome, ended_at = d.ended_at,
       deadline_name = d.deadline_name, deadline_due_at = d.deadline_due_at,
       waiting_for = d.waiting_for, waiting_from = d.waiting_from, escalated = d.escalated,
       withdrawn_reason = d.withdrawn_reason, at_risk = d.at_risk,
       last_milestone_at = coalesce(d.last_at, j.last_milestone_at)
     from derived d where j.referral_id = d.id`,
    [referralIds, endingOutcomes],
  );
  await refreshEmployerWaits(tx, referralIds);
}

/** Keeps the newest version of a programme's operator and checkDueDays. */
export async function recordProgramme(
  tx: Queryable,
  p: { programmeId: string; operatorOrganisationId: string; version: number; checkDueDays: number },
): Promise<void> {
  await tx.query(
    `insert into programme (programme_id, operator_organisation_id, version, check_due_days)
     values ($1, $2, $3, $4)
     on conflict (programme_id) do update set
       operator_organisation_id = excluded.operator_organisation_id, version = excluded.version,
       check_due_days = excluded.check_due_days
     where programme.version < excluded.version`,
    [p.programmeId, p.operatorOrganisationId, p.version, p.checkDueDays],
  );
}

/** The tables a rebuild empties and fills again. */
export const readModelTables = [
  'journey_milestone',
  'participant_milestone',
  'journey',
  'programme',
  ...employerTables,
  ...reportingProfileTables,
] as const;
