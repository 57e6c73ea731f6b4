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
