import type { OutboxMessage } from '@ladder/db';
import type { EventDefinition } from '@ladder/events';
import type { z } from 'zod';
import type { Placement } from '../db/placements.repository.js';
import { employerEvent, type EventCause } from './employer-event.js';

interface PlacementIds {
  placementId: string;
  participantId: string;
  programmeId: string;
  slotId: string;
  employerOrganisationId: string;
  occurredAt: string;
}

/** One of a placement's events, for the outbox: the placement's ids plus the event's own codes. */
export function placementEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  placement: Pick<
    Placement,
    'id' | 'participantId' | 'programmeId' | 'slotId' | 'employerOrganisationId'
  >,
  extra: Omit<z.input<Schema>, keyof PlacementIds>,
  cause: EventCause,
  now: Date,
): OutboxMessage {
  const ids: PlacementIds = {
    placementId: placement.id,
    participantId: placement.participantId,
    programmeId: placement.programmeId,
    slotId: placement.slotId,
    employerOrganisationId: placement.employerOrganisationId,
    occurredAt: now.toISOString(),
  };
  return employerEvent(
    definition,
    placement.participantId,
    { ...ids, ...extra } as z.input<Schema>,
    cause,
    now,
  );
}
