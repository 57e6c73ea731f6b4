import type { Queryable } from '@ladder/db';
import type {
  EndingOutcome,
  JourneyAttention,
  PriorityGroup,
  ReportBreakdown,
  Stage,
} from '@ladder/vocabulary';
import type { ReportCount } from '../domain/outcome-report.js';
import type { JourneyView, TimelineEntry } from '../domain/journey-view.js';
import { cohortFacts, inGroup, SqlParams, type CohortFilter } from './journey-cohort.js';

export type JourneyRow = JourneyView;

/** The journeys behind one figure of an outcome report. */
export interface ReportDrillDown {
  cohort: Omit<CohortFilter, 'operatorOrganisationId'>;
  breakdown?: ReportBreakdown | undefined;
  key?: string | undefined;
  measure: ReportCount['measure'];
  code?: string | undefined;
}

export interface JourneyListFilter {
  operatorOrganisationId: string;
  programmeId?: string | undefined;
  stage?: Stage | undefined;
  /** An ending outcome, or `in-progress` for journeys not ended. */
  outcome?: EndingOutcome | 'in-progress' | undefined;
  /**
   * A deadline has passed with nothing done, training reported the learner at risk, or the
   * journey waits on an employer (a check it holds overdue, a sustainment answer asked for).
   */
  attention?: JourneyAttention | undefined;
  /** The participant's postcode area, as the read model holds it (shared for reporting). */
  area?: string | undefined;
  /** One of the participant's priority groups, as the read model holds them. */
  priorityGroup?: PriorityGroup | undefined;
  /** The journey's next deadline falls within this many days of `now`, or has passed. */
  deadlineWithinDays?: number | undefined;
  /** The time the filter is about (ISO 8601): what is overdue, what falls due soon. */
  now: string;
  referralId?: string | undefined;
  drillDown?: ReportDrillDown | undefined;
  /**
   * `overdue`: the longest overdue first (what the employer owes, for `waiting-on-employer`);
   * `deadline`: the soonest next deadline first; else the latest referred first.
   */
  order?: 'overdue' | 'deadline' | 'referred' | undefined;
  limit: number;
  offset: number;
}

const columns = `j.referral_id as "referralId", j.participant_id as "participantId",
  j.programme_id as "programmeId", j.referrer_organisation_id as "referrerOrganisationId",
  j.eligibility, j.referred_at as "referredAt", j.stage, j.stage_since as "stageSince",
  j.waiting_for as "waitingFor", j.waiting_from as "waitingFrom", j.deadline_name as "deadlineName",
  j.deadline_due_at as "deadlineDueAt", j.escalated, j.at_risk as "atRisk",
  j.ending_outcome as "endingOutcome", j.ended_at as "endedAt",
  j.withdrawn_reason as "withdrawnReason", j.last_milestone_at as "lastMilestoneAt",
  j.next_deadline_at as "nextDeadlineAt",
  to_char(j.employer_check_due_on, 'YYYY-MM-DD') as "employerCheckDueOn",
  j.sustainment_answer_due_at as "sustainmentAnswerDueAt",
  j.area, j.priority_groups as "priorityGroups"`;

type Stored<T> = { [K in keyof T]: T[K] extends string | null ? T[K] | Date : T[K] };

/** pg gives times as Dates; the read model answers with ISO 8601 text. */
function iso<T extends object>(row: Stored<T>): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  ) as T;
}

const stalled = 'j.deadline_due_at is not null and j.ending_outcome is null';

/** When the employer's oldest debt fell due: a check it holds (its due day's end), an answer. */
const employerDue = `least((j.employer_check_due_on + 1)::timestamp at time zone 'UTC',
                           j.sustainment_answer_due_at)`;

const orderBy = (filter: JourneyListFilter): string =>
  filter.order === 'overdue'
    ? `${filter.attention === 'waiting-on-employer' ? employerDue : 'j.deadline_due_at'} asc nulls last, j.referral_id`
    : filter.order === 'deadline'
      ? 'j.next_deadline_at asc nulls last, j.referral_id'
      : 'j.referred_at desc nulls last, j.referral_id';

/**
 * A page of one operator's journeys matching the filter, and whether more follow. With a
 * drill-down, only the people an outcome report's figure counted (the same cohort and as-of time).
 */
export async function listJourneys(
  db: Queryable,
  filter: JourneyListFilter,
): Promise<{ items: JourneyRow[]; hasMore: boolean }> {
  const sql = new SqlParams();
  const where: string[] = [];
  let from: string;
  if (filter.drillDown) {
    const d = filter.drillDown;
    const facts = cohortFacts(
      { ...d.cohort, operatorOrganisationId: filter.operatorOrganisationId },
      sql,
    );
    from = `with ${facts} select ${columns} from facts f join journey j on j.referral_id = f.referral_id`;
    if (d.breakdown && d.key !== undefined) where.push(inGroup(d.breakdown, sql.add(d.key)));
    if (d.measure === 'in-progress') where.push('f.ending is null');
    if (d.measure === 'ending') where.push(`f.ending = ${sql.add(d.code ?? '')}`);
    if (d.measure === 'outcome') where.push(`${sql.add(d.code ?? '')} = any(f.outcomes)`);
    if (d.measure === 'stage') where.push(`${sql.add(d.code ?? '')} = any(f.stages)`);
  } else {
    from = `select ${columns} from journey j join programme p on p.programme_id = j.programme_id`;
    where.push(`p.operator_organisation_id = ${sql.add(filter.operatorOrganisationId)}`);
  }
  if (filter.programmeId) where.push(`j.programme_id = ${sql.add(filter.programmeId)}`);
  if (filter.stage) where.push(`j.stage = ${sql.add(filter.stage)}`);
  if (filter.area) where.push(`j.area = ${sql.add(filter.area)}`);
  if (filter.priorityGroup)
    where.push(`j.priority_groups @> array[${sql.add(filter.priorityGroup)}]::text[]`);
  if (filter.outcome === 'in-progress') where.push('j.ending_outcome is null');
  else if (filter.outcome) where.push(`j.ending_outcome = ${sql.add(filter.outcome)}`);
  if (filter.attention === 'stalled') where.push(stalled);
  if (filter.attention === 'at-risk') where.push('j.at_risk and j.ending_outcome is null');
  if (filter.attention === 'stalled-or-at-risk')
    where.push(`(${stalled} or (j.at_risk and j.ending_outcome is null))`);
  if (filter.attention === 'waiting-on-employer')
    where.push(
      `(j.employer_check_due_on < (${sql.add(filter.now)}::timestamptz at time zone 'UTC')::date
        or j.sustainment_answer_due_at is not null)`,
    );
  if (filter.deadlineWithinDays !== undefined)
    where.push(
      `j.next_deadline_at <= ${sql.add(filter.now)}::timestamptz + make_interval(days => ${sql.add(filter.deadlineWithinDays)})`,
    );
  if (filter.referralId) where.push(`j.referral_id = ${sql.add(filter.referralId)}`);
  const { rows } = await db.query<Stored<JourneyRow>>(
    `${from} ${where.length ? `where ${where.join(' and ')}` : ''}
      order by ${orderBy(filter)} limit ${sql.add(filter.limit + 1)} offset ${sql.add(filter.offset)}`,
    sql.values,
  );
  return {
    items: rows.slice(0, filter.limit).map((r) => iso<JourneyRow>(r)),
    hasMore: rows.length > filter.limit,
  };
}

/** One of the operator's journeys, or undefined (another operator's journey is not found). */
export async function findJourney(
  db: Queryable,
  operatorOrganisationId: string,
  referralId: string,
): Promise<JourneyRow | undefined> {
  const { rows } = await db.query<Stored<JourneyRow>>(
    `select ${columns} from journey j join programme p on p.programme_id = j.programme_id
      where j.referral_id = $1 and p.operator_organisation_id = $2`,
    [referralId, operatorOrganisationId],
  );
  return rows[0] && iso<JourneyRow>(rows[0]);
}

/** Everything that happened on a journey, oldest first (training facts of its participant too). */
export async function journeyTimeline(
  db: Queryable,
  journey: JourneyRow,
): Promise<TimelineEntry[]> {
  const { rows } = await db.query<Stored<TimelineEntry>>(
    `select event_id as "eventId", 'journey' as source, kind, code, occurred_at as "occurredAt", detail
       from journey_milestone where referral_id = $1
     union all
     select event_id, source, source, code, occurred_at, detail
       from participant_milestone where participant_id = $2 and programme_id = $3
      order by "occurredAt", "eventId"`,
    [journey.referralId, journey.participantId, journey.programmeId],
  );
  return rows.map((r) => iso<TimelineEntry>(r));
}

/** The programmes an operator runs (that the read model has heard of). */
export async function programmesOf(
  db: Queryable,
  operatorOrganisationId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ programme_id: string }>(
    'select programme_id from programme where operator_organisation_id = $1 order by programme_id',
    [operatorOrganisationId],
  );
  return rows.map((r) => r.programme_id);
}

/** The latest mentor assignment's mentor: the journey's mentor now. */
const currentMentorSql = (referral: string) =>
  `(select m.detail->>'mentorId' from journey_milestone m
     where m.referral_id = ${referral} and m.kind = 'staff' and m.code = 'mentor-assigned'
     order by m.occurred_at desc, m.event_id desc limit 1)`;

/** The journey's mentor as its events last said (a staff id), or null. */
export async function currentMentor(db: Queryable, referralId: string): Promise<string | null> {
  const { rows } = await db.query<{ mentor: string | null }>(
    `select ${currentMentorSql('$1')} as mentor`,
    [referralId],
  );
  return rows[0]?.mentor ?? null;
}

/**
 * A mentor's caseload: the operator's journeys still in progress whose mentor is now this staff
 * member (found through the assignments naming them, then kept where the latest still does).
 */
export async function mentorCaseload(
  db: Queryable,
  operatorOrganisationId: string,
  mentorId: string,
  limit: number,
): Promise<JourneyRow[]> {
  const { rows } = await db.query<Stored<JourneyRow>>(
    `select ${columns} from journey j join programme p on p.programme_id = j.programme_id
      where p.operator_organisation_id = $1 and j.ending_outcome is null
        and j.referral_id in (
          select referral_id from journey_milestone
           where kind = 'staff' and code = 'mentor-assigned' and detail->>'mentorId' = $2)
        and ${currentMentorSql('j.referral_id')} = $2
      order by j.referred_at, j.referral_id limit $3`,
    [operatorOrganisationId, mentorId, limit],
  );
  return rows.map((r) => iso<JourneyRow>(r));
}
