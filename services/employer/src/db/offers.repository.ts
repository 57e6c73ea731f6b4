import type { Queryable } from '@ladder/db';
import type { AgendaForChangeBand, EntryLevelRole } from '@ladder/vocabulary';
import { isoTime, setRowStatus, tableReads } from './sql.js';
import {
  vacancyStepColumns,
  vacancyStepIds,
  vacancyStepInsertColumns,
  type VacancyStepRow,
} from './vacancy-step-row.js';

import type { OfferStatus } from '@ladder/vocabulary';

// The one list of offer statuses is the vocabulary's (the ops read model shows them too).
export { offerStatuses, type OfferStatus } from '@ladder/vocabulary';

export interface Offer extends VacancyStepRow {
  interviewId: string | null;
  role: EntryLevelRole;
  band: AgendaForChangeBand;
  siteId: string;
  hoursPerWeek: number;
  respondBy: string;
  status: OfferStatus;
  reasonCode: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = `${vacancyStepColumns}, interview_id as "interviewId", role, band,
  site_id as "siteId", hours_per_week::float8 as "hoursPerWeek",
  ${isoTime('respond_by')} as "respondBy", status, reason_code as "reasonCode",
  created_at::text as "createdAt", updated_at::text as "updatedAt"`;

export async function insertOffer(
  db: Queryable,
  o: Omit<Offer, 'status' | 'reasonCode' | 'createdAt' | 'updatedAt'>,
): Promise<Offer> {
  const { rows } = await db.query<Offer>(
    `insert into offers (${vacancyStepInsertColumns}, interview_id, role, band, site_id,
       hours_per_week, respond_by, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'made')
     returning ${columns}`,
    [...vacancyStepIds(o), o.interviewId, o.role, o.band, o.siteId, o.hoursPerWeek, o.respondBy],
  );
  return rows[0]!;
}

const reads = tableReads<Offer>('offers', columns);

/** An offer; with `lock`, its row is held for the rest of the transaction (changes queue up). */
export const getOffer = reads.byId;

export async function setOfferStatus(
  db: Queryable,
  id: string,
  status: OfferStatus,
  reasonCode: string | null = null,
): Promise<Offer> {
  return setRowStatus<Offer>(db, 'offers', columns, id, status, reasonCode);
}

/** The offers an organisation may see: its own as employer or as programme operator. */
export const listOffersOf = reads.visibleTo;

/**
 * Marks up to `limit` unanswered offers past their deadline `expired` and returns them. Rows that
 * another instance (or a request answering the offer) holds are skipped: each is expired once.
 */
export async function expireDueOffers(db: Queryable, now: Date, limit: number): Promise<Offer[]> {
  const { rows } = await db.query<Offer>(
    `update offers set status = 'expired', reason_code = 'expired', updated_at = now()
     where id in (select id from offers where status = 'made' and respond_by <= $1
                  order by respond_by limit $2 for update skip locked)
     returning ${columns}`,
    [now, limit],
  );
  return rows;
}
