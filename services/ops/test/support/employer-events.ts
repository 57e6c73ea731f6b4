import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  employmentCheckUpdatedV1,
  interviewRecordedV1,
  interviewScheduledV1,
  offerAcceptedV1,
  offerMadeUnconditionalV1,
  offerMadeV1,
  placementConfirmedV1,
  placementProposedV1,
  sustainmentDueV1,
  startDateAgreedV1,
  startedInPostV1,
  type EventEnvelope,
} from '@ladder/events';
import type { MadeJourney } from './projection-stack.js';

/** How far a made-up participant got with an employer. */
export type EmployerStep = 'offer-made' | 'checks-under-way' | 'in-post-sustainment-due';

/**
 * The employer's events for a journey's participant, oldest first: a placement proposed and
 * confirmed, an interview held, an offer made (answer due 31 March); from `checks-under-way` the
 * offer accepted on 1 April with two checks moved (identity cleared; references waiting for a
 * referee, due 10 April); for `in-post-sustainment-due` the offer made unconditional, a start
 * agreed and made on 1 May, and the 13-week mark asked for, answer due 10 August.
 */
export function employerEvents(
  j: MadeJourney,
  upTo: EmployerStep,
  employerOrganisationId = 'org-bedford-hospital',
): EventEnvelope[] {
  const context = { source: 'test', subject: j.participantId, correlationId: j.referralId };
  const who = {
    participantId: j.participantId,
    programmeId: j.programmeId,
    employerOrganisationId,
  };
  const placement = { ...who, placementId: randomUUID(), slotId: randomUUID() };
  const vacancyId = randomUUID();
  const interview = { ...who, interviewId: randomUUID(), vacancyId };
  const offer = { ...who, offerId: randomUUID(), vacancyId };
  const check = (
    at: string,
    c: {
      check: 'identity' | 'employment-history-and-references';
      status: 'cleared' | 'waiting-for-third-party';
      dueOn: string | null;
    },
  ) =>
    createEnvelope(
      employmentCheckUpdatedV1,
      {
        ...offer,
        ...c,
        occurredAt: at,
        owner: c.status === 'cleared' ? null : 'third-party',
        thirdParty: c.status === 'cleared' ? null : 'referee',
        evidenceSeenOn: c.status === 'cleared' ? ['2026-04-02'] : [],
      },
      context,
    );
  const events: EventEnvelope[] = [
    createEnvelope(
      placementProposedV1,
      { ...placement, occurredAt: '2026-03-10T09:00:00Z', placementKind: 'work-experience' },
      context,
    ),
    createEnvelope(
      placementConfirmedV1,
      { ...placement, occurredAt: '2026-03-11T09:00:00Z', placementKind: 'work-experience' },
      context,
    ),
    createEnvelope(
      interviewScheduledV1,
      {
        ...interview,
        occurredAt: '2026-03-15T09:00:00Z',
        scheduledAt: '2026-03-20T10:00:00Z',
        format: 'video',
        siteId: null,
      },
      context,
    ),
    createEnvelope(
      interviewRecordedV1,
      {
        ...interview,
        occurredAt: '2026-03-20T11:00:00Z',
        attendance: 'attended',
        result: 'successful',
      },
      context,
    ),
    createEnvelope(
      offerMadeV1,
      {
        ...offer,
        occurredAt: '2026-03-21T09:00:00Z',
        role: 'healthcare-support-worker',
        band: 'band-2',
        siteId: randomUUID(),
        hoursPerWeek: 37.5,
        interviewId: interview.interviewId,
        respondBy: '2026-03-31T17:00:00Z',
      },
      context,
    ),
  ];
  if (upTo === 'offer-made') return events;
  events.push(
    createEnvelope(
      offerAcceptedV1,
      { ...offer, occurredAt: '2026-04-01T09:00:00Z', recordedBy: 'programme-operator' },
      context,
    ),
    check('2026-04-02T09:00:00Z', { check: 'identity', status: 'cleared', dueOn: null }),
    check('2026-04-03T09:00:00Z', {
      check: 'employment-history-and-references',
      status: 'waiting-for-third-party',
      dueOn: '2026-04-10',
    }),
  );
  if (upTo === 'checks-under-way') return events;
  events.push(
    createEnvelope(
      offerMadeUnconditionalV1,
      { ...offer, occurredAt: '2026-04-15T09:00:00Z' },
      context,
    ),
    createEnvelope(
      startDateAgreedV1,
      { ...offer, occurredAt: '2026-04-20T09:00:00Z', startsOn: '2026-05-01' },
      context,
    ),
    createEnvelope(
      startedInPostV1,
      { ...offer, occurredAt: '2026-05-01T09:00:00Z', startedOn: '2026-05-01' },
      context,
    ),
    createEnvelope(
      sustainmentDueV1,
      {
        ...offer,
        occurredAt: '2026-07-31T09:00:00Z',
        weeks: 13,
        answerDueAt: '2026-08-10T09:00:00Z',
      },
      context,
    ),
  );
  return events;
}
