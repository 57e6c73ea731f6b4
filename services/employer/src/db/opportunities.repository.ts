import type { Queryable } from '@ladder/db';
import type { PlacementKind, EntryLevelRole } from '@ladder/vocabulary';

export interface Site {
  id: string;
  employerOrganisationId: string;
  name: string;
  postcodeArea: string;
  createdAt: string;
}

export interface PlacementSlot {
  id: string;
  employerOrganisationId: string;
  siteId: string;
  kind: PlacementKind;
  roleArea: EntryLevelRole;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
  capacity: number;
  createdAt: string;
}

const siteColumns = `id, employer_organisation_id as "employerOrganisationId", name,
  postcode_area as "postcodeArea", created_at::text as "createdAt"`;
const slotColumns = `id, employer_organisation_id as "employerOrganisationId", site_id as "siteId",
  kind, role_area as "roleArea", starts_on::text as "startsOn", ends_on::text as "endsOn",
  hours_per_week as "hoursPerWeek", capacity, created_at::text as "createdAt"`;

export async function insertSite(db: Queryable, site: Omit<Site, 'createdAt'>): Promise<Site> {
  const { rows } = await db.query<Site>(
    `insert into sites (id, employer_organisation_id, name, postcode_area) values ($1, $2, $3, $4)
     returning ${siteColumns}`,
    [site.id, site.employerOrganisationId, site.name, site.postcodeArea],
  );
  return rows[0]!;
}

export async function getSite(db: Queryable, id: string): Promise<Site | undefined> {
  const { rows } = await db.query<Site>(`select ${siteColumns} from sites where id = $1`, [id]);
  return rows[0];
}

export async function insertSlot(
  db: Queryable,
  slot: Omit<PlacementSlot, 'createdAt'>,
): Promise<PlacementSlot> {
  const { rows } = await db.query<PlacementSlot>(
    `insert into placement_slots (id, employer_organisation_id, site_id, kind, role_area, starts_on,
       ends_on, hours_per_week, capacity) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     returning ${slotColumns}`,
    [
      slot.id,
      slot.employerOrganisationId,
      slot.siteId,
      slot.kind,
      slot.roleArea,
      slot.startsOn,
      slot.endsOn,
      slot.hoursPerWeek,
      slot.capacity,
    ],
  );
  return rows[0]!;
}

/** Where an opportunity is, as a list shows it beside the opportunity. */
export interface SiteSummary {
  site: { name: string; postcodeArea: string };
}

/** Which opportunities a list holds: one employer's, or every employer's still open on a day. */
export type OpportunityListFilter =
  { employerOrganisationId: string; limit: number } | { openOn: string; limit: number };

/**
 * The rest of a select of opportunities from `table` (slots or vacancies) after its columns: the
 * site of each, the filter (`lastOpenDay` is the column naming the last day it is open) and the
 * order, soonest first; with its parameters.
 */
export function opportunityListSql(
  table: 'placement_slots' | 'vacancies',
  lastOpenDay: 'ends_on' | 'closes_on',
  order: string,
  filter: OpportunityListFilter,
): { sql: string; values: unknown[] } {
  const mine = 'employerOrganisationId' in filter;
  return {
    sql: `, (select json_build_object('name', s.name, 'postcodeArea', s.postcode_area)
               from sites s where s.id = ${table}.site_id) as site
           from ${table}
          where ${mine ? 'employer_organisation_id = $1' : `${lastOpenDay} >= $1::date`}
          order by ${order}, id limit $2`,
    values: [mine ? filter.employerOrganisationId : filter.openOn, filter.limit],
  };
}

/** Placement slots with their site, soonest first. */
export async function listSlots(
  db: Queryable,
  filter: OpportunityListFilter,
): Promise<(PlacementSlot & SiteSummary)[]> {
  const { sql, values } = opportunityListSql('placement_slots', 'ends_on', 'starts_on', filter);
  const { rows } = await db.query<PlacementSlot & SiteSummary>(
    `select ${slotColumns} ${sql}`,
    values,
  );
  return rows;
}

export async function getSlot(db: Queryable, id: string): Promise<PlacementSlot | undefined> {
  const { rows } = await db.query<PlacementSlot>(
    `select ${slotColumns} from placement_slots where id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Locks a slot's row for the rest of the transaction and counts the places it holds
 * (confirmed or started): confirmations for one slot are decided one at a time.
 */
export async function lockSlot(
  db: Queryable,
  id: string,
): Promise<{ capacity: number; held: number; kind: PlacementKind } | undefined> {
  const { rows } = await db.query<{ capacity: number; kind: PlacementKind }>(
    'select capacity, kind from placement_slots where id = $1 for update',
    [id],
  );
  if (!rows[0]) return undefined;
  const held = await db.query<{ n: number }>(
    `select count(*)::int as n from placements where slot_id = $1 and status in ('confirmed', 'started')`,
    [id],
  );
  return { capacity: rows[0].capacity, kind: rows[0].kind, held: held.rows[0]!.n };
}
