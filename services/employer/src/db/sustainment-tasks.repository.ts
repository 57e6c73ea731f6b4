import type { Queryable } from '@ladder/db';
import type { SustainmentWeeks } from '@ladder/vocabulary';
import type { SustainmentMark } from '../domain/sustainment-marks.js';

export const sustainmentTaskStatuses = [
  'pending',
  'due',
  'confirmed',
  'left',
  'cancelled',
] as const;
export type SustainmentTaskStatus = (typeof sustainmentTaskStatuses)[number];

/** A 13- or 26-week confirmation asked of the employer, with its offer's ids. Times in ISO 8601. */
export interface SustainmentTask {
  offerId: string;
  weeks: SustainmentWeeks;
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
  operatorOrganisationId: string;
  markAt: string;
  answerDueAt: string;
  status: SustainmentTaskStatus;
  /** An "in post" answer given before the mark, published when the mark is reached. */
  earlyAnswer: 'in-post' | null;
  answeredAt: string | null;
  publishedDueAt: string | null;
}

const iso = (column: string) => `to_json(${column}) #>> '{}'`;
const columns = `t.offer_id as "offerId", t.weeks, o.participant_id as "participantId",
  o.programme_id as "programmeId", o.vacancy_id as "vacancyId",
  o.employer_organisation_id as "employerOrganisationId",
  o.operator_organisation_id as "operatorOrganisationId", ${iso('t.mark_at')} as "markAt",
  ${iso('t.answer_due_at')} as "answerDueAt", t.status, t.early_answer as "earlyAnswer",
  ${iso('t.answered_at')} as "answeredAt", ${iso('t.published_due_at')} as "publishedDueAt"`;
const fromTasks = 'from sustainment_tasks t join offers o on o.id = t.offer_id';

export async function insertSustainmentTasks(
  db: Queryable,
  offerId: string,
  marks: readonly SustainmentMark[],
): Promise<void> {
  await db.query(
    `insert into sustainment_tasks (offer_id, weeks, mark_at, answer_due_at, status)
     select $1, weeks, mark_at, answer_due_at, 'pending'
     from unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) as m(weeks, mark_at, answer_due_at)`,
    [
      offerId,
      marks.map((m) => m.weeks),
      marks.map((m) => m.markAt.toISOString()),
      marks.map((m) => m.answerDueAt.toISOString()),
    ],
  );
}

/** An employment's tasks, 13 weeks first. */
export async function tasksOf(db: Queryable, offerId: string): Promise<SustainmentTask[]> {
  const { rows } = await db.query<SustainmentTask>(
    `select ${columns} ${fromTasks} where t.offer_id = $1 order by t.weeks`,
    [offerId],
  );
  return rows;
}

export async function getSustainmentTask(
  db: Queryable,
  offerId: string,
  weeks: SustainmentWeeks,
): Promise<SustainmentTask | undefined> {
  const { rows } = await db.query<SustainmentTask>(
    `select ${columns} ${fromTasks} where t.offer_id = $1 and t.weeks = $2`,
    [offerId, weeks],
  );
  return rows[0];
}

/**
 * Changes a task: its status, an early answer kept, when it was answered or published as due.
 * Answered and published times are set once (the first answer is the one kept).
 */
export async function updateSustainmentTask(
  db: Queryable,
  task: Pick<SustainmentTask, 'offerId' | 'weeks'>,
  change: {
    status: SustainmentTaskStatus;
    earlyAnswer?: 'in-post';
    answeredAt?: Date;
    publishedDueAt?: Date;
  },
): Promise<void> {
  await db.query(
    `update sustainment_tasks set status = $3, early_answer = coalesce($4, early_answer),
       answered_at = coalesce(answered_at, $5), published_due_at = coalesce(published_due_at, $6),
       updated_at = now()
     where offer_id = $1 and weeks = $2`,
    [
      task.offerId,
      task.weeks,
      change.status,
      change.earlyAnswer ?? null,
      change.answeredAt ?? null,
      change.publishedDueAt ?? null,
    ],
  );
}

/**
 * The person left: a task already asked (due) is answered by the leaving; one not yet asked
 * (pending, even with an early "in post" answer) is cancelled. Confirmed tasks stay confirmed.
 */
export async function closeOpenTasks(db: Queryable, offerId: string, now: Date): Promise<void> {
  await db.query(
    `update sustainment_tasks
     set status = case status when 'due' then 'left' else 'cancelled' end,
       answered_at = case status when 'due' then $2::timestamptz else answered_at end,
       updated_at = now()
     where offer_id = $1 and status in ('pending', 'due')`,
    [offerId, now],
  );
}

/** Where a page of tasks ends: the next page starts after it (tasks are listed in mark order). */
export interface TaskPosition {
  markAt: string;
  offerId: string;
  weeks: SustainmentWeeks;
}

/**
 * A page of the tasks an organisation may see (its own as employer, or its participants' as the
 * programme's operator), in mark order, optionally of one status.
 */
export async function listSustainmentTasksOf(
  db: Queryable,
  organisationId: string,
  page: { status?: SustainmentTaskStatus; after?: TaskPosition; limit: number },
): Promise<SustainmentTask[]> {
  const { rows } = await db.query<SustainmentTask>(
    `select ${columns} ${fromTasks}
     where (o.employer_organisation_id = $1 or o.operator_organisation_id = $1)
       and ($2::text is null or t.status = $2)
       and ($3::timestamptz is null
            or (t.mark_at, t.offer_id, t.weeks) > ($3::timestamptz, $4::uuid, $5::int))
     order by t.mark_at, t.offer_id, t.weeks limit $6`,
    [
      organisationId,
      page.status ?? null,
      page.after?.markAt ?? null,
      page.after?.offerId ?? null,
      page.after?.weeks ?? null,
      page.limit,
    ],
  );
  return rows;
}

/**
 * Claims up to `limit` tasks whose mark has been reached and that were not yet asked, locking
 * them and their employments for the rest of the transaction. `skip locked`: several instances
 * share the work, and a task being answered right now is left to its answer.
 */
export async function claimTasksAtTheirMark(
  db: Queryable,
  now: Date,
  limit: number,
): Promise<SustainmentTask[]> {
  const { rows } = await db.query<SustainmentTask>(
    `select ${columns} ${fromTasks} join employments e on e.offer_id = t.offer_id
     where t.status = 'pending' and t.mark_at <= $1
     order by t.mark_at limit $2
     for update of t, e skip locked`,
    [now, limit],
  );
  return rows;
}
