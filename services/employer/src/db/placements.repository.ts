import type { Queryable } from '@ladder/db';
import type { PlacementStatus } from '@ladder/vocabulary';
import { setRowStatus, tableReads } from './sql.js';

// The one list of placement statuses is the vocabulary's (the ops read model shows them too).
export { placementStatuses, type PlacementStatus } from '@ladder/vocabulary';

export interface Placement {
  id: string;
  slotId: string;
  employerOrganisationId: string;
  participantId: string;
  programmeId: string;
  operatorOrganisationId: string;
  status: PlacementStatus;
  reasonCode: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = `id, slot_id as "slotId", employer_organisation_id as "employerOrganisationId",
  participant_id as "participantId", programme_id as "programmeId",
  operator_organisation_id as "operatorOrganisationId", status, reason_code as "reasonCode",
  created_at::text as "createdAt", updated_at::text as "updatedAt"`;

export async function insertPlacement(
  db: Queryable,
  p: Omit<Placement, 'status' | 'reasonCode' | 'createdAt' | 'updatedAt'>,
): Promise<Placement> {
  const { rows } = await db.query<Placement>(
    `insert into placements (id, slot_id, employer_organisation_id, participant_id, programme_id,
       operator_organisation_id, status) values ($1, $2, $3, $4, $5, $6, 'proposed')
     returning ${columns}`,
    [
      p.id,
      p.slotId,
      p.employerOrganisationId,
      p.participantId,
      p.programmeId,
      p.operatorOrganisationId,
    ],
  );
  return rows[0]!;
}

const reads = tableReads<Placement>('placements', columns);

/** A placement; with `lock`, its row is held for the rest of the transaction (changes queue up). */
export const getPlacement = reads.byId;

export async function setPlacementStatus(
  db: Queryable,
  id: string,
  status: PlacementStatus,
  reasonCode: string | null = null,
): Promise<Placement> {
  return setRowStatus<Placement>(db, 'placements', columns, id, status, reasonCode);
}

/** The placements an organisation may see: its own as employer or as programme operator. */
export const listPlacementsOf = reads.visibleTo;
