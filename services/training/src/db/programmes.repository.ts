import type { Queryable } from '@ladder/db';
import { programmeTrainingSettingsSchema } from '@ladder/vocabulary/schemas';
import type { z } from 'zod';

export type TrainingSettings = z.output<typeof programmeTrainingSettingsSchema>;

export interface ProgrammeCopy {
  id: string;
  operatorOrganisationId: string;
  version: number;
  training: TrainingSettings;
}

/** Keeps the newest version of a programme's operator and settings; an older one changes nothing. */
export async function storeProgramme(tx: Queryable, programme: ProgrammeCopy): Promise<void> {
  await tx.query(
    `insert into programmes (id, operator_organisation_id, version, training) values ($1, $2, $3, $4)
     on conflict (id) do update set operator_organisation_id = excluded.operator_organisation_id,
       version = excluded.version, training = excluded.training, updated_at = now()
     where programmes.version < excluded.version`,
    [
      programme.id,
      programme.operatorOrganisationId,
      programme.version,
      JSON.stringify(programme.training),
    ],
  );
}

export async function findProgramme(db: Queryable, id: string): Promise<ProgrammeCopy | undefined> {
  const { rows } = await db.query<{
    id: string;
    operator_organisation_id: string;
    version: number;
    training: unknown;
  }>('select id, operator_organisation_id, version, training from programmes where id = $1', [id]);
  const row = rows[0];
  return row
    ? {
        id: row.id,
        operatorOrganisationId: row.operator_organisation_id,
        version: row.version,
        training: programmeTrainingSettingsSchema.parse(row.training),
      }
    : undefined;
}

/**
 * A programme and whether the participant is in it, in one round trip (the hot path of a place
 * request).
 */
export async function findProgrammeOf(
  db: Queryable,
  programmeId: string,
  participantId: string,
): Promise<{ programme: ProgrammeCopy; participantIsIn: boolean } | undefined> {
  const { rows } = await db.query<{
    id: string;
    operator_organisation_id: string;
    version: number;
    training: unknown;
    participant_is_in: boolean;
  }>({
    name: 'programme-of-participant',
    text: `select g.id, g.operator_organisation_id, g.version, g.training,
             exists (select 1 from programme_participants m
                     where m.programme_id = g.id and m.participant_id = $2) as participant_is_in
           from programmes g where g.id = $1`,
    values: [programmeId, participantId],
  });
  const row = rows[0];
  return row
    ? {
        programme: {
          id: row.id,
          operatorOrganisationId: row.operator_organisation_id,
          version: row.version,
          training: programmeTrainingSettingsSchema.parse(row.training),
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
