import type { Queryable } from '@ladder/db';
import type { EarlyEndReason } from '@ladder/vocabulary';

export const employmentStatuses = ['agreed', 'in-post', 'left', 'sustained'] as const;
export type EmploymentStatus = (typeof employmentStatuses)[number];

/**
 * What an employment needs of its offer: the ids its events name, who may act on it, whether it
 * is unconditional, and the day it was made (nothing can start before it).
 */
export interface OfferOfEmployment {
  id: string;
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
  operatorOrganisationId: string;
  status: string;
  madeOn: string;
}

/** An employment with its offer's ids (as the API shows it and its events name it). */
export interface Employment {
  offerId: string;
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
  operatorOrganisationId: string;
  startsOn: string;
  startedOn: string | null;
  status: EmploymentStatus;
  leftOn: string | null;
  reasonCode: string | null;
  createdAt: string;
  updatedAt: string;
}

const offerColumns = `o.id, o.participant_id as "participantId", o.programme_id as "programmeId",
  o.vacancy_id as "vacancyId", o.employer_organisation_id as "employerOrganisationId",
  o.operator_organisation_id as "operatorOrganisationId"`;

const employmentColumns = `e.offer_id as "offerId", o.participant_id as "participantId",
  o.programme_id as "programmeId", o.vacancy_id as "vacancyId",
  o.employer_organisation_id as "employerOrganisationId",
  o.operator_organisation_id as "operatorOrganisationId", e.starts_on::text as "startsOn",
  e.started_on::text as "startedOn", e.status, e.left_on::text as "leftOn",
  e.reason_code as "reasonCode", e.created_at::text as "createdAt", e.updated_at::text as "updatedAt"`;

/**
 * Locks an offer's row for the rest of the transaction: agreements of its start date are decided
 * one at a time, so an offer has one employment.
 */
export async function lockOfferOfEmployment(
  db: Queryable,
  offerId: string,
): Promise<OfferOfEmployment | undefined> {
  const { rows } = await db.query<OfferOfEmployment>(
    `select ${offerColumns}, o.status, (o.created_at at time zone 'UTC')::date::text as "madeOn"
     from offers o where o.id = $1 for update`,
    [offerId],
  );
  return rows[0];
}

export async function getEmployment(
  db: Queryable,
  offerId: string,
): Promise<Employment | undefined> {
  const { rows } = await db.query<Employment>(
    `select ${employmentColumns} from employments e join offers o on o.id = e.offer_id
     where e.offer_id = $1`,
    [offerId],
  );
  return rows[0];
}

/**
 * An employment with the day its offer was made and the offer's status, its row locked for the
 * rest of the transaction: every change to an employment and its sustainment tasks takes this
 * lock first (the due job too), so they are decided one at a time and never deadlock.
 */
export async function lockEmployment(
  db: Queryable,
  offerId: string,
): Promise<(Employment & { madeOn: string; offerStatus: string }) | undefined> {
  const { rows } = await db.query<Employment & { madeOn: string; offerStatus: string }>(
    `select ${employmentColumns}, (o.created_at at time zone 'UTC')::date::text as "madeOn",
       o.status as "offerStatus"
     from employments e join offers o on o.id = e.offer_id
     where e.offer_id = $1 for update of e`,
    [offerId],
  );
  return rows[0];
}

/** Records the agreed first day: a new employment, or a new day for one not yet started. */
export async function storeStartDate(
  db: Queryable,
  offerId: string,
  startsOn: string,
): Promise<void> {
  await db.query(
    `insert into employments (offer_id, starts_on, status) values ($1, $2, 'agreed')
     on conflict (offer_id) do update set starts_on = excluded.starts_on, updated_at = now()`,
    [offerId, startsOn],
  );
}

/** Moves an employment on: started (the day), left (the day and reason) or sustained. */
export async function updateEmployment(
  db: Queryable,
  offerId: string,
  change: {
    status: Exclude<EmploymentStatus, 'agreed'>;
    startedOn?: string;
    leftOn?: string;
    reasonCode?: EarlyEndReason;
  },
): Promise<void> {
  await db.query(
    `update employments set status = $2, started_on = coalesce($3, started_on),
       left_on = coalesce($4, left_on), reason_code = coalesce($5, reason_code), updated_at = now()
     where offer_id = $1`,
    [
      offerId,
      change.status,
      change.startedOn ?? null,
      change.leftOn ?? null,
      change.reasonCode ?? null,
    ],
  );
}
