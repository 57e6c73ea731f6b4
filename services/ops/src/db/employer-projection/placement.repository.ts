import type { Queryable } from '@ladder/db';
import { whenLater, type EmployerRef, type EventStamp } from './latest-event.js';

export interface PlacementFacts extends EmployerRef {
  placementId: string;
  slotId: string;
  kind: string | null;
  status: string;
  reasonCode: string | null;
}

/** Any placement event: its status as the latest says, its kind from whichever carries it. */
export async function recordPlacement(
  tx: Queryable,
  p: PlacementFacts,
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into placement (placement_id, participant_id, programme_id, slot_id,
                            employer_organisation_id, kind, status, reason_code, status_at, status_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (placement_id) do update set kind = coalesce(placement.kind, excluded.kind),
       ${whenLater('placement', 'status_at', 'status_event', ['status', 'reason_code'])}`,
    [
      p.placementId,
      p.participantId,
      p.programmeId,
      p.slotId,
      p.employerOrganisationId,
      p.kind,
      p.status,
      p.reasonCode,
      stamp.at,
      stamp.eventId,
    ],
  );
}
