import type { z } from 'zod';
import type { Queryable } from '@ladder/db';
import { programmeRulesPublishedV1, referralSubmittedV3 } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import type { JourneyDeadlines } from '@ladder/vocabulary';
import {
  journeyDeadlinesSchema,
  programmeEmploymentSettingsSchema,
  programmeTrainingSettingsSchema,
} from '@ladder/vocabulary/schemas';

/**
 * The part of a programme's rules a service keeps, by its name in the rules. The name is also
 * the jsonb column of the service's `programmes` table and the field of its copy, so one word
 * ties the event, the table and the code together.
 */
const settingsSchemas = {
  training: programmeTrainingSettingsSchema,
  employment: programmeEmploymentSettingsSchema,
} as const;

export type ProgrammeSection = keyof typeof settingsSchemas;
export type SettingsOf<S extends ProgrammeSection> = z.output<(typeof settingsSchemas)[S]>;

/** A service's copy of one programme: its operator, its section of the rules and its deadlines. */
export type ProgrammeCopy<S extends ProgrammeSection> = {
  id: string;
  operatorOrganisationId: string;
  version: number;
  /** The programme's deadline rules; null in a copy stored before the deadlines were kept. */
  deadlines: JourneyDeadlines | null;
} & { [K in S]: SettingsOf<K> };

/** The reads and writes of one service's copy of programmes, and the handlers that keep it. */
export interface ProgrammeCopies<S extends ProgrammeSection> {
  readonly section: S;
  /** The section's settings as the programme set them, with the defaults for what it left out. */
  readonly parseSettings: (settings: unknown) => SettingsOf<S>;
  /** Keeps the newest version of a programme; an older one changes nothing. */
  readonly storeProgramme: (tx: Queryable, programme: ProgrammeCopy<S>) => Promise<void>;
  readonly findProgramme: (db: Queryable, id: string) => Promise<ProgrammeCopy<S> | undefined>;
  /** A programme and whether the participant is in it, in one round trip (the hot path). */
  readonly findProgrammeOf: (
    db: Queryable,
    programmeId: string,
    participantId: string,
  ) => Promise<ProgrammeOf<S> | undefined>;
  /** findProgrammeOf for many at once, in one round trip; each answer in its place. */
  readonly findProgrammesOf: (
    db: Queryable,
    asks: readonly { programmeId: string; participantId: string }[],
  ) => Promise<(ProgrammeOf<S> | undefined)[]>;
  /** Records that a participant is in a programme (a redelivered referral changes nothing). */
  readonly storeProgrammeParticipant: (
    tx: Queryable,
    p: { participantId: string; programmeId: string; referralId: string },
  ) => Promise<void>;
  /** ProgrammeRulesPublished and ReferralSubmitted, written in the consumer's transaction. */
  readonly referralHandlers: () => EventSubscription[];
}

/** A programme, and whether a participant is in it. */
export interface ProgrammeOf<S extends ProgrammeSection> {
  programme: ProgrammeCopy<S>;
  participantIsIn: boolean;
}

interface ProgrammeRow {
  id: string;
  operator_organisation_id: string;
  version: number;
  settings: unknown;
  deadlines: unknown;
}

/**
 * The copy of programmes kept in the service's `programmes` table (id, operator_organisation_id,
 * version, `<section>` jsonb, deadlines jsonb, updated_at) and `programme_participants` table
 * (participant_id, programme_id, referral_id). The referral service owns programmes; each service
 * keeps only what it acts on.
 */
export function programmeCopy<S extends ProgrammeSection>(section: S): ProgrammeCopies<S> {
  const settings = settingsSchemas[section];
  // The column name is one of two fixed words (never input), so it may stand in the SQL.
  const columns = `g.id, g.operator_organisation_id, g.version, g.${section} as settings, g.deadlines`;
  const fromRow = (row: ProgrammeRow): ProgrammeCopy<S> =>
    ({
      id: row.id,
      operatorOrganisationId: row.operator_organisation_id,
      version: row.version,
      deadlines: row.deadlines === null ? null : journeyDeadlinesSchema.parse(row.deadlines),
      [section]: settings.parse(row.settings),
    }) as ProgrammeCopy<S>;
  const settingsOf = (programme: ProgrammeCopy<S>): unknown =>
    (programme as unknown as Record<ProgrammeSection, unknown>)[section];

  const copies: ProgrammeCopies<S> = {
    section,
    parseSettings: (input) => settings.parse(input) as SettingsOf<S>,
    async storeProgramme(tx, programme) {
      await tx.query(
        `insert into programmes (id, operator_organisation_id, version, ${section}, deadlines)
         values ($1, $2, $3, $4, $5)
         on conflict (id) do update set operator_organisation_id = excluded.operator_organisation_id,
           version = excluded.version, ${section} = excluded.${section},
           deadlines = coalesce(excluded.deadlines, programmes.deadlines), updated_at = now()
         where programmes.version < excluded.version
           -- The same version again fills the deadlines of a copy stored before they were kept.
           or (programmes.version = excluded.version and programmes.deadlines is null)`,
        [
          programme.id,
          programme.operatorOrganisationId,
          programme.version,
          JSON.stringify(settingsOf(programme)),
          programme.deadlines === null ? null : JSON.stringify(programme.deadlines),
        ],
      );
    },
    async findProgramme(db, id) {
      const { rows } = await db.query<ProgrammeRow>(
        `select ${columns} from programmes g where g.id = $1`,
        [id],
      );
      return rows[0] ? fromRow(rows[0]) : undefined;
    },
    async findProgrammeOf(db, programmeId, participantId) {
      return (await copies.findProgrammesOf(db, [{ programmeId, participantId }]))[0];
    },
    async findProgrammesOf(db, asks) {
      const { rows } = await db.query<ProgrammeRow & { n: number; participant_is_in: boolean }>({
        name: `programmes-of-participants-${section}`,
        text: `select a.n, ${columns},
                 exists (select 1 from programme_participants m
                         where m.programme_id = g.id and m.participant_id = a.participant_id)
                   as participant_is_in
               from unnest($1::text[], $2::uuid[]) with ordinality as a(programme_id, participant_id, n)
               join programmes g on g.id = a.programme_id`,
        values: [asks.map((a) => a.programmeId), asks.map((a) => a.participantId)],
      });
      // Each programme is parsed once, however many asks name it.
      const parsed = new Map<string, ProgrammeCopy<S>>();
      const found: (ProgrammeOf<S> | undefined)[] = asks.map(() => undefined);
      for (const row of rows) {
        let programme = parsed.get(row.id);
        if (!programme) parsed.set(row.id, (programme = fromRow(row)));
        found[Number(row.n) - 1] = { programme, participantIsIn: row.participant_is_in };
      }
      return found;
    },
    async storeProgrammeParticipant(tx, p) {
      await tx.query(
        `insert into programme_participants (participant_id, programme_id, referral_id)
         values ($1, $2, $3) on conflict do nothing`,
        [p.participantId, p.programmeId, p.referralId],
      );
    },
    referralHandlers() {
      return [
        on(programmeRulesPublishedV1, async (event, { tx }) => {
          const { data } = event;
          await copies.storeProgramme(tx, {
            id: data.programmeId,
            operatorOrganisationId: data.operatorOrganisationId,
            version: data.version,
            deadlines: data.rules.deadlines,
            [section]: settings.parse(data.rules[section]),
          } as ProgrammeCopy<S>);
        }),
        on(referralSubmittedV3, async (event, { tx }) => {
          const { referralId, participantId, programmeId } = event.data;
          await copies.storeProgrammeParticipant(tx, { referralId, participantId, programmeId });
        }),
      ];
    },
  };
  return copies;
}
