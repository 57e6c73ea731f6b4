import type { Queryable } from '@ladder/db';
import type { AbsenceReason, AttendanceMark } from '@ladder/vocabulary';
import type { LearnerMark } from '../domain/attendance.js';

export interface RegisterMark {
  placeId: string;
  mark: AttendanceMark;
  absenceReason?: AbsenceReason | undefined;
}

export interface RegisterVersion {
  version: number;
  recordedByOrganisationId: string;
  recordedAt: string;
  marksHash: string;
  marks: RegisterMark[];
}

/** Every version of a session's register, oldest first. */
export async function registerVersions(
  db: Queryable,
  intakeId: string,
  sessionNumber: number,
): Promise<RegisterVersion[]> {
  const { rows } = await db.query<{
    version: number;
    recorded_by_organisation_id: string;
    recorded_at: Date;
    marks_hash: string;
    marks: RegisterMark[];
  }>(
    `select r.version, r.recorded_by_organisation_id, r.recorded_at, r.marks_hash,
       coalesce((select json_agg(json_strip_nulls(json_build_object('placeId', m.place_id, 'mark', m.mark,
           'absenceReason', m.absence_reason)) order by m.place_id)
         from register_marks m where m.intake_id = r.intake_id and m.session_number = r.session_number
           and m.version = r.version), '[]') as marks
     from registers r where r.intake_id = $1 and r.session_number = $2 order by r.version`,
    [intakeId, sessionNumber],
  );
  return rows.map((r) => ({
    version: r.version,
    recordedByOrganisationId: r.recorded_by_organisation_id,
    recordedAt: r.recorded_at.toISOString(),
    marksHash: r.marks_hash,
    marks: r.marks,
  }));
}

export async function insertRegister(
  tx: Queryable,
  r: {
    intakeId: string;
    sessionNumber: number;
    version: number;
    recordedByOrganisationId: string;
    marksHash: string;
    marks: RegisterMark[];
  },
): Promise<void> {
  await tx.query(
    `insert into registers (intake_id, session_number, version, recorded_by_organisation_id, marks_hash)
     values ($1, $2, $3, $4, $5)`,
    [r.intakeId, r.sessionNumber, r.version, r.recordedByOrganisationId, r.marksHash],
  );
  await tx.query(
    `insert into register_marks (intake_id, session_number, version, place_id, mark, absence_reason)
     select $1, $2, $3, * from unnest($4::uuid[], $5::text[], $6::text[])`,
    [
      r.intakeId,
      r.sessionNumber,
      r.version,
      r.marks.map((m) => m.placeId),
      r.marks.map((m) => m.mark),
      r.marks.map((m) => m.absenceReason ?? null),
    ],
  );
}

/** A learner's mark in the latest version of each session's register. */
export async function learnerMarks(
  db: Queryable,
  intakeId: string,
  placeId: string,
): Promise<LearnerMark[]> {
  const { rows } = await db.query<{ session_number: number; mark: AttendanceMark }>(
    `select r.session_number, m.mark
     from (select distinct on (session_number) session_number, version from registers
           where intake_id = $1 order by session_number, version desc) r
     join register_marks m on m.intake_id = $1 and m.session_number = r.session_number
       and m.version = r.version and m.place_id = $2`,
    [intakeId, placeId],
  );
  return rows.map((r) => ({ sessionNumber: r.session_number, mark: r.mark }));
}

export async function sessionExists(
  db: Queryable,
  intakeId: string,
  sessionNumber: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'select 1 from intake_sessions where intake_id = $1 and session_number = $2',
    [intakeId, sessionNumber],
  );
  return (rowCount ?? 0) > 0;
}
