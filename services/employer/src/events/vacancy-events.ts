import type { OutboxMessage } from '@ladder/db';
import type { EventDefinition } from '@ladder/events';
import type { z } from 'zod';
import { employerEvent, type EventCause } from './employer-event.js';

/** What an interview or an offer names in its events (the columns they share). */
export interface VacancyStep {
  id: string;
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
}

type VacancyIds<IdKey extends string> = Record<IdKey, string> & {
  participantId: string;
  programmeId: string;
  vacancyId: string;
  employerOrganisationId: string;
  occurredAt: string;
};

/** The event function of one kind of vacancy step, named in its events by `idKey`. */
function vacancyEvent<IdKey extends 'interviewId' | 'offerId'>(idKey: IdKey) {
  return <Type extends string, Schema extends z.ZodType>(
    definition: EventDefinition<Type, Schema>,
    step: VacancyStep,
    extra: Omit<z.input<Schema>, keyof VacancyIds<IdKey>>,
    cause: EventCause,
    now: Date,
  ): OutboxMessage => {
    const ids = {
      [idKey]: step.id,
      participantId: step.participantId,
      programmeId: step.programmeId,
      vacancyId: step.vacancyId,
      employerOrganisationId: step.employerOrganisationId,
      occurredAt: now.toISOString(),
    } as VacancyIds<IdKey>;
    return employerEvent(
      definition,
      step.participantId,
      { ...ids, ...extra } as z.input<Schema>,
      cause,
      now,
    );
  };
}

/** One of an interview's events, for the outbox: its ids plus the event's own fields. */
export const interviewEvent = vacancyEvent('interviewId');

/**
 * One of an offer's events, for the outbox: its ids plus the event's own fields. Everything after
 * the offer (checks, start, sustainment) is named by the offer id.
 */
export const offerEvent = vacancyEvent('offerId');
