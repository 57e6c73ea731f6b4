import type { OutboxMessage } from '@ladder/db';
import type { EventDefinition } from '@ladder/events';
import type { z } from 'zod';
import { employerEvent, type EventCause } from './employer-event.js';

/** What every offer event names (the offer's ids); see `offerData` in @ladder/events. */
export interface OfferIds {
  offerId: string;
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
  occurredAt: string;
}

/**
 * One of an offer's events, for the outbox: the offer's ids plus the event's own fields.
 * Everything after the offer (checks, start date, start in post, sustainment) is named by it.
 */
export function offerEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  offer: {
    id: string;
    participantId: string;
    programmeId: string;
    vacancyId: string;
    employerOrganisationId: string;
  },
  extra: Omit<z.input<Schema>, keyof OfferIds>,
  cause: EventCause,
  now: Date,
): OutboxMessage {
  const ids: OfferIds = {
    offerId: offer.id,
    participantId: offer.participantId,
    programmeId: offer.programmeId,
    vacancyId: offer.vacancyId,
    employerOrganisationId: offer.employerOrganisationId,
    occurredAt: now.toISOString(),
  };
  return employerEvent(
    definition,
    offer.participantId,
    { ...ids, ...extra } as z.input<Schema>,
    cause,
    now,
  );
}
