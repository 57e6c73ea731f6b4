import type { Queryable } from '@ladder/db';
import type {
  InterviewAttendance,
  InterviewCancelReason,
  InterviewFormat,
  InterviewResult,
  OfferAnswerRecorder,
} from '@ladder/vocabulary';
import { isoTime, tableReads } from './sql.js';
import {
  vacancyStepColumns,
  vacancyStepIds,
  vacancyStepInsertColumns,
  type VacancyStepRow,
} from './vacancy-step-row.js';

export interface Interview extends VacancyStepRow {
  scheduledBy: OfferAnswerRecorder;
  scheduledAt: string;
  format: InterviewFormat;
  siteId: string | null;
  attendance: InterviewAttendance | null;
  result: InterviewResult | null;
  /** The last time it was moved; null while it keeps its first time. */
  rescheduledAt: string | null;
  cancelledAt: string | null;
  cancelReason: InterviewCancelReason | null;
  createdAt: string;
  updatedAt: string;
}

const columns = `${vacancyStepColumns}, scheduled_by as "scheduledBy",
  ${isoTime('scheduled_at')} as "scheduledAt",
  format, site_id as "siteId", attendance, result,
  ${isoTime('rescheduled_at')} as "rescheduledAt", ${isoTime('cancelled_at')} as "cancelledAt",
  cancel_reason as "cancelReason", created_at::text as "createdAt", updated_at::text as "updatedAt"`;

export async function insertInterview(
  db: Queryable,
  i: Omit<
    Interview,
    | 'attendance'
    | 'result'
    | 'rescheduledAt'
    | 'cancelledAt'
    | 'cancelReason'
    | 'createdAt'
    | 'updatedAt'
  >,
): Promise<Interview> {
  const { rows } = await db.query<Interview>(
    `insert into interviews (${vacancyStepInsertColumns}, scheduled_by, scheduled_at, format, site_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${columns}`,
    [...vacancyStepIds(i), i.scheduledBy, i.scheduledAt, i.format, i.siteId],
  );
  return rows[0]!;
}

const reads = tableReads<Interview>('interviews', columns);

/** An interview; with `lock`, its row is held for the rest of the transaction (changes queue up). */
export const getInterview = reads.byId;

export async function recordInterview(
  db: Queryable,
  id: string,
  outcome: { attendance: InterviewAttendance; result: InterviewResult | null },
): Promise<Interview> {
  const { rows } = await db.query<Interview>(
    `update interviews set attendance = $2, result = $3, updated_at = now()
     where id = $1 returning ${columns}`,
    [id, outcome.attendance, outcome.result],
  );
  return rows[0]!;
}

/** Moves an interview to a new time, format and site. */
export async function rescheduleInterview(
  db: Queryable,
  id: string,
  when: { scheduledAt: string; format: InterviewFormat; siteId: string | null },
): Promise<Interview> {
  const { rows } = await db.query<Interview>(
    `update interviews set scheduled_at = $2, format = $3, site_id = $4, rescheduled_at = now(),
       updated_at = now()
     where id = $1 returning ${columns}`,
    [id, when.scheduledAt, when.format, when.siteId],
  );
  return rows[0]!;
}

export async function cancelInterview(
  db: Queryable,
  id: string,
  reason: InterviewCancelReason,
): Promise<Interview> {
  const { rows } = await db.query<Interview>(
    `update interviews set cancelled_at = now(), cancel_reason = $2, updated_at = now()
     where id = $1 returning ${columns}`,
    [id, reason],
  );
  return rows[0]!;
}

/** The interviews an organisation may see: its own as employer or as programme operator. */
export const listInterviewsOf = reads.visibleTo;

/**
 * Whether the employer already knows the participant in this programme: it was proposed a
 * placement for them, or interviewed them. Only then may it schedule or offer on its own.
 */
export async function employerKnowsParticipant(
  db: Queryable,
  employerOrganisationId: string,
  participantId: string,
  programmeId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ known: boolean }>(
    `select exists (select 1 from placements where participant_id = $2 and programme_id = $3
                      and employer_organisation_id = $1)
         or exists (select 1 from interviews where participant_id = $2 and programme_id = $3
                      and employer_organisation_id = $1) as known`,
    [employerOrganisationId, participantId, programmeId],
  );
  return rows[0]!.known;
}
