import type { Queryable } from '@ladder/db';
import { guidanceDeadlines, type JourneyDeadlines } from '@ladder/vocabulary';
import {
  journeyDeadlinesSchema,
  programmeEmploymentSettingsSchema,
} from '@ladder/vocabulary/schemas';
import type { z } from 'zod';

export type EmploymentSettings = z.output<typeof programmeEmploymentSettingsSchema>;

export interface ProgrammeCopy {
  id: string;
  operatorOrganisationId: string;
  version: number;
  employment: EmploymentSettings;
  /** The programme's deadline rules: the guidance defaults until ProgrammeRulesPublished gave them. */
  deadlines: JourneyDeadlines;
}

/**
 * Keeps the newest version of a programme's operator and settings; an older one changes nothing.
 * The same version again fills the deadlines of a copy stored before they were kept.
 */
export async function storeProgramme(
  tx: Queryable,
  programme: Omit<ProgrammeCopy, 'deadlines'> & { deadlines?: JourneyDeadlines },
): Promise<void> {
  await tx.query(
    `insert into programmes (id, operator_organisation_id, version, employment, deadlines)
     values ($1, $2, $3, $4, $5)
     on conflict (id) do update set operator_organisation_id = excluded.operator_organisation_id,
       version = excluded.version, employment = excluded.employment,
       deadlines = coalesce(excluded.deadlines, programmes.deadlines), updated_at = now()
     where programmes.version < excluded.version
       or (programmes.version = excluded.version and programmes.deadlines is null)`,
    [
      programme.id,
      programme.operatorOrganisationId,
      programme.version,
      JSON.stringify(programme.employment),
      programme.deadlines ? JSON.stringify(programme.deadlines) : null,
    ],
  );
}

/** A programme and whether the participant is in it, in one round trip. */
export async function findProgrammeOf(
  db: Queryable,
  programmeId: string,
  participantId: string,
): Promise<{ programme: ProgrammeCopy; participantIsIn: boolean } | undefined> {
  const { rows } = await db.query<{
    id: string;
    operator_organisation_id: string;
    version: number;
    employment: unknown;
    deadlines: unknown;
    participant_is_in: boolean;
  }>(
    `select g.id, g.operator_organisation_id, g.version, g.employment, g.deadlines,
       exists (select 1 from programme_participants m
               where m.programme_id = g.id and m.participant_id = $2) as participant_is_in
     from programmes g where g.id = $1`,
    [programmeId, participantId],
  );
  const row = rows[0];
  return row
    ? {
        programme: {
          id: row.id,
          operatorOrganisationId: row.operator_organisation_id,
          version: row.version,
          employment: programmeEmploymentSettingsSchema.parse(row.employment),
          deadlines:
            row.deadlines === null
              ? guidanceDeadlines
              : journeyDeadlinesSchema.parse(row.deadlines),
        },
        participantIsIn: row.participant_is_in,
      }
    : undefined;
}

/** Records that a participant is in a programme (a redelivered referral changes nothing). */
export async function storeProgrammeParticipant(
  tx: Queryable,
  p: { participantId: string; programmeId: string; referralId: string },
): Promise<void> {
  await tx.query(
    `insert into programme_participants (participant_id, programme_id, referral_id) values ($1, $2, $3)
     on conflict do nothing`,
    [p.participantId, p.programmeId, p.referralId],
  );
}
