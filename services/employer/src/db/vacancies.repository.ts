import type { Queryable } from '@ladder/db';
import type { AgendaForChangeBand, EntryLevelRole } from '@ladder/vocabulary';
import { postHoldingOfferStatuses } from '../domain/vacancy-openings.js';
import {
  opportunityListSql,
  type OpportunityListFilter,
  type SiteSummary,
} from './opportunities.repository.js';

export interface Vacancy {
  id: string;
  employerOrganisationId: string;
  siteId: string;
  role: EntryLevelRole;
  band: AgendaForChangeBand;
  hoursPerWeek: number;
  posts: number;
  closesOn: string;
  createdAt: string;
}

const columns = `id, employer_organisation_id as "employerOrganisationId", site_id as "siteId",
  role, band, hours_per_week as "hoursPerWeek", posts, closes_on::text as "closesOn",
  created_at::text as "createdAt"`;

export async function insertVacancy(
  db: Queryable,
  v: Omit<Vacancy, 'createdAt'>,
): Promise<Vacancy> {
  const { rows } = await db.query<Vacancy>(
    `insert into vacancies (id, employer_organisation_id, site_id, role, band, hours_per_week,
       posts, closes_on) values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${columns}`,
    [v.id, v.employerOrganisationId, v.siteId, v.role, v.band, v.hoursPerWeek, v.posts, v.closesOn],
  );
  return rows[0]!;
}

export async function getVacancy(db: Queryable, id: string): Promise<Vacancy | undefined> {
  const { rows } = await db.query<Vacancy>(`select ${columns} from vacancies where id = $1`, [id]);
  return rows[0];
}

/**
 * Locks a vacancy's row for the rest of the transaction, then counts the posts its live offers
 * hold: offers of one vacancy are decided one at a time. The count is a statement of its own,
 * after the lock, so that it sees an offer committed by a transaction it waited for.
 */
export async function lockVacancyPosts(db: Queryable, id: string): Promise<number> {
  await db.query('select 1 from vacancies where id = $1 for update', [id]);
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from offers where vacancy_id = $1 and status = any($2::text[])`,
    [id, postHoldingOfferStatuses],
  );
  return rows[0]!.n;
}

/** Vacancies with their site, closing soonest first. */
export async function listVacancies(
  db: Queryable,
  filter: OpportunityListFilter,
): Promise<(Vacancy & SiteSummary)[]> {
  const { sql, values } = opportunityListSql('vacancies', 'closes_on', 'closes_on', filter);
  const { rows } = await db.query<Vacancy & SiteSummary>(`select ${columns} ${sql}`, values);
  return rows;
}
