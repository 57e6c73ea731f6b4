import { rowColumns, rowInsert, type Queryable } from '@ladder/db';
import type { CourseResult, Qualification } from '@ladder/vocabulary';

export const placeStatuses = [
  'enrolled',
  'offered',
  'waitlisted',
  'completed',
  'withdrawn',
  'progressed',
  'offer-declined',
  'offer-lapsed',
] as const;
export type PlaceStatus = (typeof placeStatuses)[number];

/** A place with what its events and access checks need from its intake and course. */
export interface Place {
  id: string;
  intakeId: string;
  courseId: string;
  providerOrganisationId: string;
  operatorOrganisationId: string | null;
  qualification: Qualification;
  participantId: string;
  programmeId: string;
  requestedBy: 'programme-operator' | 'training-provider';
  status: PlaceStatus;
  offerExpiresAt: string | null;
  /** When the learner took a seat; null for a place that never held one. */
  enrolledAt: string | null;
  atRisk: boolean;
  result: CourseResult | null;
  awardingBody: string | null;
  awardedOn: string | null;
  endReason: string | null;
  createdAt: string;
  updatedAt: string;
}

interface PlaceRow {
  id: string;
  intake_id: string;
  course_id: string;
  provider_organisation_id: string;
  operator_organisation_id: string | null;
  qualification: Qualification;
  participant_id: string;
  programme_id: string;
  requested_by: Place['requestedBy'];
  status: PlaceStatus;
  offer_expires_at: Date | null;
  enrolled_at: Date | null;
  at_risk: boolean;
  result: CourseResult | null;
  awarding_body: string | null;
  awarded_on: string | null;
  end_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toPlace = (r: PlaceRow): Place => ({
  id: r.id,
  intakeId: r.intake_id,
  courseId: r.course_id,
  providerOrganisationId: r.provider_organisation_id,
  operatorOrganisationId: r.operator_organisation_id,
  qualification: r.qualification,
  participantId: r.participant_id,
  programmeId: r.programme_id,
  requestedBy: r.requested_by,
  status: r.status,
  offerExpiresAt: r.offer_expires_at?.toISOString() ?? null,
  enrolledAt: r.enrolled_at?.toISOString() ?? null,
  atRisk: r.at_risk,
  result: r.result,
  awardingBody: r.awarding_body,
  awardedOn: r.awarded_on,
  endReason: r.end_reason,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const selectPlaces = `
  select p.id, p.intake_id, i.course_id, i.provider_organisation_id, g.operator_organisation_id,
    c.qualification, p.participant_id, p.programme_id, p.requested_by, p.status,
    p.offer_expires_at, p.enrolled_at, p.at_risk, p.result, p.awarding_body,
    to_char(p.awarded_on, 'YYYY-MM-DD') as awarded_on, p.end_reason, p.created_at, p.updated_at
  from places p join intakes i on i.id = p.intake_id join courses c on c.id = i.course_id
  left join programmes g on g.id = p.programme_id`;

/** A place as a request makes it: enrolled, or at the end of the waitlist. */
export interface NewPlace {
  id: string;
  intakeId: string;
  participantId: string;
  programmeId: string;
  requestedBy: Place['requestedBy'];
  requestedByOrganisationId: string;
  status: 'enrolled' | 'waitlisted';
}

const newPlaceColumns = rowColumns<NewPlace>([
  { name: 'id', type: 'uuid', value: (p) => p.id },
  { name: 'intake_id', type: 'uuid', value: (p) => p.intakeId },
  { name: 'participant_id', type: 'uuid', value: (p) => p.participantId },
  { name: 'programme_id', type: 'text', value: (p) => p.programmeId },
  { name: 'requested_by', type: 'text', value: (p) => p.requestedBy },
  { name: 'requested_by_organisation_id', type: 'text', value: (p) => p.requestedByOrganisationId },
  { name: 'status', type: 'text', value: (p) => p.status },
]);

/**
 * The insert of new places, in the order given: their `request_seq` (the waitlist's order)
 * follows it, so pass them in the order they were decided. Stamped with the transaction's time.
 */
export const newPlaceRows = rowInsert(
  newPlaceColumns,
  (relation) => `insert into places (${newPlaceColumns.names}, enrolled_at)
     select ${newPlaceColumns.select}, case when status = 'enrolled' then now() end
     from ${relation}
     order by n`,
);

export async function getPlace(db: Queryable, id: string): Promise<Place | undefined> {
  const { rows } = await db.query<PlaceRow>({
    name: 'get-place',
    text: `${selectPlaces} where p.id = $1`,
    values: [id],
  });
  return rows[0] && toPlace(rows[0]);
}

/** An intake's places in request order, optionally only those of one operator's programmes. */
export async function listPlaces(
  db: Queryable,
  intakeId: string,
  operatorOrganisationId?: string,
): Promise<Place[]> {
  const { rows } = await db.query<PlaceRow>(
    `${selectPlaces} where p.intake_id = $1 and ($2::text is null or g.operator_organisation_id = $2)
     order by p.request_seq`,
    [intakeId, operatorOrganisationId ?? null],
  );
  return rows.map(toPlace);
}

/** A waitlisted place's position: 1 is next in line. */
export async function waitlistPosition(tx: Queryable, place: { id: string }): Promise<number> {
  const { rows } = await tx.query<{ position: number }>({
    name: 'waitlist-position',
    text: `select count(*)::int as position from places w, places p
           where p.id = $1 and w.intake_id = p.intake_id and w.status = 'waitlisted'
             and w.request_seq <= p.request_seq`,
    values: [place.id],
  });
  return rows[0]?.position ?? 0;
}

/** The first `n` waiting on an intake, in request order (call with the intake locked). */
export async function firstWaiting(tx: Queryable, intakeId: string, n: number): Promise<Place[]> {
  const { rows } = await tx.query<PlaceRow>(
    `${selectPlaces} where p.intake_id = $1 and p.status = 'waitlisted' order by p.request_seq limit $2`,
    [intakeId, n],
  );
  return rows.map(toPlace);
}

export async function updatePlace(
  tx: Queryable,
  id: string,
  change: {
    status: PlaceStatus;
    offerExpiresAt?: Date | null;
    result?: CourseResult;
    awardingBody?: string;
    awardedOn?: string;
    endReason?: string;
    ended?: boolean;
  },
): Promise<void> {
  await tx.query(
    `update places set status = $2,
       offer_expires_at = case when $3::boolean then $4::timestamptz else offer_expires_at end,
       enrolled_at = case when $2 = 'enrolled' then coalesce(enrolled_at, now()) else enrolled_at end,
       result = coalesce($5, result), awarding_body = coalesce($6, awarding_body),
       awarded_on = coalesce($7::date, awarded_on), end_reason = coalesce($8, end_reason),
       ended_at = case when $9::boolean then now() else ended_at end, updated_at = now()
     where id = $1`,
    [
      id,
      change.status,
      change.offerExpiresAt !== undefined,
      change.offerExpiresAt ?? null,
      change.result ?? null,
      change.awardingBody ?? null,
      change.awardedOn ?? null,
      change.endReason ?? null,
      change.ended ?? false,
    ],
  );
}

export async function markAtRisk(tx: Queryable, id: string): Promise<void> {
  await tx.query('update places set at_risk = true, updated_at = now() where id = $1', [id]);
}

/** Intakes with an offer whose response window has passed. */
export async function intakesWithLapsedOffers(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ intake_id: string }>(
    `select distinct intake_id from places where status = 'offered' and offer_expires_at <= now() limit $1`,
    [limit],
  );
  return rows.map((r) => r.intake_id);
}

/** The lapsed offers of one intake (call with the intake locked). */
export async function lapsedOffers(tx: Queryable, intakeId: string): Promise<Place[]> {
  const { rows } = await tx.query<PlaceRow>(
    `${selectPlaces} where p.intake_id = $1 and p.status = 'offered' and p.offer_expires_at <= now()
     order by p.request_seq`,
    [intakeId],
  );
  return rows.map(toPlace);
}
