import { queriesInTurn, type PoolClient, type Queryable } from '@ladder/db';
import type { Qualification } from '@ladder/vocabulary';
import type { SeatState } from '../domain/seats.js';

/** What a locked intake tells about itself, besides its seats. */
export interface LockedIntake {
  providerOrganisationId: string;
  courseId: string;
  qualification: Qualification;
}

export interface Session {
  sessionNumber: number;
  startsAt: string;
  endsAt: string;
}

export interface Intake {
  id: string;
  courseId: string;
  providerOrganisationId: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  sessions: Session[];
  seats: { enrolled: number; offered: number; waitlisted: number };
  createdAt: string;
}

interface IntakeRow {
  id: string;
  course_id: string;
  provider_organisation_id: string;
  starts_on: string;
  ends_on: string;
  capacity: number;
  created_at: Date;
  sessions: { sessionNumber: number; startsAt: string; endsAt: string }[];
  enrolled: number;
  offered: number;
  waitlisted: number;
}

const selectIntakes = `
  select i.id, i.course_id, i.provider_organisation_id, to_char(i.starts_on, 'YYYY-MM-DD') as starts_on,
    to_char(i.ends_on, 'YYYY-MM-DD') as ends_on, i.capacity, i.created_at,
    coalesce((select json_agg(json_build_object('sessionNumber', s.session_number,
        'startsAt', to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'endsAt', to_char(s.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
        order by s.session_number)
      from intake_sessions s where s.intake_id = i.id), '[]') as sessions,
    (select count(*)::int from places p where p.intake_id = i.id and p.status = 'enrolled') as enrolled,
    (select count(*)::int from places p where p.intake_id = i.id and p.status = 'offered') as offered,
    (select count(*)::int from places p where p.intake_id = i.id and p.status = 'waitlisted') as waitlisted
  from intakes i`;

const toIntake = (r: IntakeRow): Intake => ({
  id: r.id,
  courseId: r.course_id,
  providerOrganisationId: r.provider_organisation_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  capacity: r.capacity,
  sessions: r.sessions,
  seats: { enrolled: r.enrolled, offered: r.offered, waitlisted: r.waitlisted },
  createdAt: r.created_at.toISOString(),
});

export async function insertIntake(
  db: Queryable,
  intake: {
    id: string;
    courseId: string;
    providerOrganisationId: string;
    startsOn: string;
    endsOn: string;
    capacity: number;
    sessions: Session[];
  },
): Promise<void> {
  await db.query(
    `insert into intakes (id, course_id, provider_organisation_id, starts_on, ends_on, capacity)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      intake.id,
      intake.courseId,
      intake.providerOrganisationId,
      intake.startsOn,
      intake.endsOn,
      intake.capacity,
    ],
  );
  if (intake.sessions.length === 0) return;
  await db.query(
    `insert into intake_sessions (intake_id, session_number, starts_at, ends_at)
     select $1, * from unnest($2::int[], $3::timestamptz[], $4::timestamptz[])`,
    [
      intake.id,
      intake.sessions.map((s) => s.sessionNumber),
      intake.sessions.map((s) => s.startsAt),
      intake.sessions.map((s) => s.endsAt),
    ],
  );
}

export async function getIntake(db: Queryable, id: string): Promise<Intake | undefined> {
  const { rows } = await db.query<IntakeRow>(`${selectIntakes} where i.id = $1`, [id]);
  return rows[0] && toIntake(rows[0]);
}

/**
 * A provider's intakes, or those with a place for a participant of a programme the operator runs;
 * optionally of one course.
 */
export async function listIntakes(
  db: Queryable,
  filter: { providerOrganisationId?: string; operatorOrganisationId?: string; courseId?: string },
): Promise<Intake[]> {
  const { rows } = await db.query<IntakeRow>(
    `${selectIntakes}
     where ($1::text is null or i.provider_organisation_id = $1)
       and ($2::text is null or exists (select 1 from places p join programmes g on g.id = p.programme_id
             where p.intake_id = i.id and g.operator_organisation_id = $2))
       and ($3::uuid is null or i.course_id = $3)
     order by i.starts_on, i.id`,
    [
      filter.providerOrganisationId ?? null,
      filter.operatorOrganisationId ?? null,
      filter.courseId ?? null,
    ],
  );
  return rows.map(toIntake);
}

/** Whether any participant of the operator's programmes has a place on the intake. */
export async function operatorUsesIntake(
  db: Queryable,
  intakeId: string,
  operatorOrganisationId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from places p join programmes g on g.id = p.programme_id
     where p.intake_id = $1 and g.operator_organisation_id = $2 limit 1`,
    [intakeId, operatorOrganisationId],
  );
  return (rowCount ?? 0) > 0;
}

/** An intake's seats, read under its row lock, with what a change to them needs to know. */
export type LockedSeats = SeatState & LockedIntake;

/** Intakes locked by lockSeatsOf, with their seats and the open places asked about. */
export interface LockedIntakes {
  /** The transaction's time (`now()`), which every row it writes is stamped with. */
  at: Date;
  /** By intake id; an intake that does not exist is not there. */
  seats: Map<string, LockedSeats>;
  /** The open place (enrolled, offered or waitlisted) a participant asked about holds, if any. */
  openPlace(intakeId: string, participantId: string): string | undefined;
}

const openPlaceKey = (intakeId: string, participantId: string) => `${intakeId}/${participantId}`;

/**
 * Locks the intakes' rows for the rest of the transaction and counts their seats. Every change to
 * an intake's seats takes this lock first, so the counts cannot move until the change commits:
 * this is what keeps an intake within capacity whatever arrives at once. The rows are locked in
 * id order, so two transactions that lock some of the same intakes cannot deadlock. Also finds
 * which of `participants` hold an open place on them.
 *
 * Two statements (one round trip on a pipelining connection): the counts must be read after the
 * lock is held, in a snapshot that sees what the lock's last holder committed.
 */
export async function lockSeatsOf(
  tx: PoolClient,
  intakeIds: readonly string[],
  participants: readonly string[] = [],
): Promise<LockedIntakes> {
  const [locked, counted] = await queriesInTurn<
    [
      {
        id: string;
        capacity: number;
        provider_organisation_id: string;
        course_id: string;
        qualification: Qualification;
        at: Date;
      },
      {
        intake_id: string;
        held: number;
        waiting: number;
        open_participants: string[];
        open_places: string[];
      },
    ]
  >(tx, [
    {
      name: 'lock-intakes',
      text: `select i.id, i.capacity, i.provider_organisation_id, i.course_id, c.qualification,
               now() as at
             from intakes i join courses c on c.id = i.course_id
             where i.id = any($1::uuid[]) order by i.id for update of i`,
      values: [intakeIds],
    },
    {
      name: 'count-seats',
      text: `select intake_id,
               count(*) filter (where status in ('enrolled', 'offered'))::int as held,
               count(*) filter (where status = 'waitlisted')::int as waiting,
               coalesce(array_agg(participant_id) filter (where participant_id = any($2::uuid[])), '{}')
                 as open_participants,
               coalesce(array_agg(id) filter (where participant_id = any($2::uuid[])), '{}')
                 as open_places
             from places
             where intake_id = any($1::uuid[]) and status in ('enrolled', 'offered', 'waitlisted')
             group by intake_id`,
      values: [intakeIds, participants],
    },
  ]);
  const counts = new Map(counted.rows.map((row) => [row.intake_id, row]));
  const openPlaces = new Map<string, string>();
  const seats = new Map<string, LockedSeats>();
  for (const i of locked.rows) {
    const count = counts.get(i.id);
    seats.set(i.id, {
      capacity: i.capacity,
      providerOrganisationId: i.provider_organisation_id,
      courseId: i.course_id,
      qualification: i.qualification,
      held: count?.held ?? 0,
      waiting: count?.waiting ?? 0,
    });
    count?.open_participants.forEach((participantId, n) =>
      openPlaces.set(openPlaceKey(i.id, participantId), count.open_places[n]!),
    );
  }
  return {
    at: locked.rows[0]?.at ?? new Date(),
    seats,
    openPlace: (intakeId, participantId) => openPlaces.get(openPlaceKey(intakeId, participantId)),
  };
}

/** lockSeatsOf for one intake: its seats, or undefined if there is no such intake. */
export async function lockSeats(
  tx: PoolClient,
  intakeId: string,
): Promise<LockedSeats | undefined> {
  return (await lockSeatsOf(tx, [intakeId])).seats.get(intakeId);
}

export async function setCapacity(
  tx: Queryable,
  intakeId: string,
  capacity: number,
): Promise<void> {
  await tx.query('update intakes set capacity = $2 where id = $1', [intakeId, capacity]);
}
