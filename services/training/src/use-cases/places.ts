import { randomUUID } from 'node:crypto';
import { appendToOutbox, withTransaction, type OutboxMessage, type PoolClient } from '@ladder/db';
import {
  progressedToFurtherEducationV1,
  trainingCompletedV1,
  trainingEnrolledV1,
  trainingPlaceRequestedV1,
  trainingWaitlistedV1,
  trainingWithdrawnV1,
} from '@ladder/events';
import { problem } from '@ladder/http';
import type { CourseResult, EarlyEndReason } from '@ladder/vocabulary';
import { lockSeats, setCapacity } from '../db/intakes.repository.js';
import {
  getPlace,
  insertPlace,
  openPlaceOf,
  updatePlace,
  waitlistPosition,
  type Place,
} from '../db/places.repository.js';
import { findProgrammeOf } from '../db/programmes.repository.js';
import { placeForRequest } from '../domain/seats.js';
import type { EventContext } from '../events/place-events.js';
import { placeEvent } from '../events/place-events.js';
import { assertMayActOn, assertProviderOf } from './access.js';
import type { Actor, TrainingDeps } from './deps.js';
import { offerFreedSeats } from './seat-offers.js';

/** A place as the API shows it: ids, codes, dates; a waitlisted place's position. */
export interface PlaceView {
  id: string;
  intakeId: string;
  courseId: string;
  participantId: string;
  programmeId: string;
  status: Place['status'];
  waitlistPosition: number | null;
  offerExpiresAt: string | null;
  atRisk: boolean;
  result: Place['result'];
  award: { qualification: Place['qualification']; awardingBody: string; awardedOn: string } | null;
  endReason: string | null;
  createdAt: string;
  updatedAt: string;
  links: { self: string; intake: string };
}

export async function placeView(
  tx: PoolClient | TrainingDeps['pool'],
  place: Place,
  knownPosition?: number,
) {
  const position =
    place.status === 'waitlisted' ? (knownPosition ?? (await waitlistPosition(tx, place))) : null;
  return {
    id: place.id,
    intakeId: place.intakeId,
    courseId: place.courseId,
    participantId: place.participantId,
    programmeId: place.programmeId,
    status: place.status,
    waitlistPosition: position,
    offerExpiresAt: place.offerExpiresAt,
    atRisk: place.atRisk,
    result: place.result,
    award:
      place.awardingBody && place.awardedOn
        ? {
            qualification: place.qualification,
            awardingBody: place.awardingBody,
            awardedOn: place.awardedOn,
          }
        : null,
    endReason: place.endReason,
    createdAt: place.createdAt,
    updatedAt: place.updatedAt,
    links: { self: `/v1/places/${place.id}`, intake: `/v1/intakes/${place.intakeId}` },
  } satisfies PlaceView;
}

const eventContext = (deps: TrainingDeps, actor: Actor): EventContext => ({
  correlationId: actor.correlationId,
  now: deps.now(),
  ...(actor.traceparent ? { traceparent: actor.traceparent } : {}),
});

async function reload(tx: PoolClient, id: string): Promise<Place> {
  const place = await getPlace(tx, id);
  if (!place) throw new Error(`place ${id} vanished in its own transaction`);
  return place;
}

/**
 * A request for a place on an intake, by the operator of the participant's programme (or by the
 * intake's provider where the programme lets providers enrol directly). Decided under the
 * intake's lock: a seat while one is free and nobody waits, otherwise the end of the waitlist.
 * Run in the Idempotency-Key's transaction.
 */
export async function requestPlace(
  tx: PoolClient,
  deps: TrainingDeps,
  actor: Actor,
  request: { intakeId: string; participantId: string; programmeId: string },
): Promise<PlaceView> {
  const found = await findProgrammeOf(tx, request.programmeId, request.participantId);
  if (!found)
    throw problem.unprocessable('no such programme', {
      code: 'unknown-programme',
      errors: [{ field: 'body.programmeId', message: 'no such programme' }],
    });
  const { programme } = found;
  const direct = actor.organisationKind === 'training-provider';
  if (!direct && programme.operatorOrganisationId !== actor.organisationId)
    throw problem.forbidden('only the operator of the programme may ask for its places', {
      code: 'not-programme-operator',
    });
  if (!found.participantIsIn)
    throw problem.unprocessable('the participant is not in this programme', {
      code: 'participant-not-in-programme',
      errors: [{ field: 'body.participantId', message: 'not a participant of the programme' }],
    });
  const seats = await lockSeats(tx, request.intakeId);
  if (!seats || (direct && seats.providerOrganisationId !== actor.organisationId))
    throw problem.notFound('no such intake');
  if (direct && !programme.training.providerMayEnrolDirectly)
    throw problem.forbidden('this programme does not let providers enrol directly', {
      code: 'direct-enrolment-not-allowed',
    });
  const existing = await openPlaceOf(tx, request.intakeId, request.participantId);
  if (existing)
    throw problem.conflict('the participant already has a place on this intake', {
      code: 'place-exists',
      existingPlace: `/v1/places/${existing.id}`,
    });

  const status = placeForRequest(seats);
  const id = randomUUID();
  const requestedBy = direct ? 'training-provider' : 'programme-operator';
  const { requestSeq, createdAt } = await insertPlace(tx, {
    id,
    ...request,
    requestedBy,
    requestedByOrganisationId: actor.organisationId,
    status,
  });
  // The place as written, from what this transaction holds: read back, it would be the same.
  const place: Place = {
    id,
    ...request,
    courseId: seats.courseId,
    providerOrganisationId: seats.providerOrganisationId,
    operatorOrganisationId: programme.operatorOrganisationId,
    qualification: seats.qualification,
    requestedBy,
    requestSeq,
    status,
    offerExpiresAt: null,
    enrolledAt: status === 'enrolled' ? createdAt : null,
    atRisk: false,
    result: null,
    awardingBody: null,
    awardedOn: null,
    endReason: null,
    createdAt,
    updatedAt: createdAt,
  };
  // Under the intake's lock the waiting count is exact: the new place is the one after them.
  const view = await placeView(tx, place, seats.waiting + 1);
  const ctx = eventContext(deps, actor);
  const events: OutboxMessage[] = [
    placeEvent(
      trainingPlaceRequestedV1,
      place,
      { requestedBy: place.requestedBy, requestedByOrganisationId: actor.organisationId },
      ctx,
    ),
    status === 'enrolled'
      ? placeEvent(
          trainingEnrolledV1,
          place,
          { qualification: place.qualification, via: direct ? 'direct-enrolment' : 'request' },
          ctx,
        )
      : placeEvent(trainingWaitlistedV1, place, { position: view.waitlistPosition ?? 1 }, ctx),
  ];
  await appendToOutbox(tx, events);
  return view;
}

/**
 * Runs a change to a place under its intake's lock, after checking who may make it; the change
 * sees the place as it stands once the lock is held.
 */
async function changePlace<T>(
  deps: TrainingDeps,
  actor: Actor,
  placeId: string,
  change: (
    tx: PoolClient,
    place: Place,
    seats: NonNullable<Awaited<ReturnType<typeof lockSeats>>>,
    ctx: EventContext,
  ) => Promise<T>,
): Promise<T> {
  return withTransaction(deps.pool, async (tx) => {
    const before = await getPlace(tx, placeId);
    assertMayActOn(before, actor);
    const seats = await lockSeats(tx, before.intakeId);
    if (!seats) throw problem.notFound('no such place');
    return change(tx, await reload(tx, placeId), seats, eventContext(deps, actor));
  });
}

const notOpen = (place: Place, what: string) =>
  problem.conflict(`the place is ${place.status}: it cannot ${what}`, {
    code: 'place-not-open',
    placeStatus: place.status,
  });

const holdsSeat = (place: Place) => place.status === 'enrolled' || place.status === 'offered';

/** The participant takes the seat offered, or turns it down (it goes to the next in line). */
export async function answerOffer(
  deps: TrainingDeps,
  actor: Actor,
  placeId: string,
  answer: 'accept' | 'decline',
) {
  return changePlace(deps, actor, placeId, async (tx, place, seats, ctx) => {
    if (place.status !== 'offered' || new Date(place.offerExpiresAt ?? 0) <= ctx.now)
      throw problem.conflict('there is no open offer on this place', { code: 'no-open-offer' });
    if (answer === 'accept') {
      await updatePlace(tx, place.id, { status: 'enrolled', offerExpiresAt: null });
      await appendToOutbox(tx, [
        placeEvent(
          trainingEnrolledV1,
          place,
          { qualification: place.qualification, via: 'offer-accepted' },
          ctx,
        ),
      ]);
    } else {
      await updatePlace(tx, place.id, { status: 'offer-declined', ended: true });
      await offerFreedSeats(tx, place.intakeId, { ...seats, held: seats.held - 1 }, ctx);
    }
    return placeView(tx, await reload(tx, place.id));
  });
}

/** The learner leaves (the course, the waitlist or an offer); a seat they held is offered on. */
export async function withdrawPlace(
  deps: TrainingDeps,
  actor: Actor,
  placeId: string,
  reasonCode: EarlyEndReason,
) {
  return changePlace(deps, actor, placeId, async (tx, place, seats, ctx) => {
    if (place.status !== 'enrolled' && place.status !== 'offered' && place.status !== 'waitlisted')
      throw notOpen(place, 'be withdrawn');
    await updatePlace(tx, place.id, { status: 'withdrawn', endReason: reasonCode, ended: true });
    await appendToOutbox(tx, [
      placeEvent(trainingWithdrawnV1, place, { reasonCode, from: place.status }, ctx),
    ]);
    if (holdsSeat(place))
      await offerFreedSeats(tx, place.intakeId, { ...seats, held: seats.held - 1 }, ctx);
    else await offerFreedSeats(tx, place.intakeId, { ...seats, waiting: seats.waiting - 1 }, ctx);
    return placeView(tx, await reload(tx, place.id));
  });
}

/**
 * The learner finished: a result and, when a qualification was awarded, its awarding body and
 * date. Only the provider records it.
 */
export async function completePlace(
  deps: TrainingDeps,
  actor: Actor,
  placeId: string,
  completion: { result: CourseResult; award?: { awardingBody: string; awardedOn: string } },
) {
  return changePlace(deps, actor, placeId, async (tx, place, _seats, ctx) => {
    assertProviderOf(place.providerOrganisationId, actor);
    if (place.status !== 'enrolled') throw notOpen(place, 'be completed');
    if (completion.award && completion.result === 'failed')
      throw problem.unprocessable('a failed course awards no qualification', {
        errors: [{ field: 'body.award', message: 'not with result failed' }],
      });
    await updatePlace(tx, place.id, {
      status: 'completed',
      result: completion.result,
      ...(completion.award ?? {}),
      ended: true,
    });
    await appendToOutbox(tx, [
      placeEvent(
        trainingCompletedV1,
        place,
        {
          result: completion.result,
          qualification: place.qualification,
          qualificationAwarded: completion.award !== undefined,
        },
        ctx,
      ),
    ]);
    return placeView(tx, await reload(tx, place.id));
  });
}

/**
 * The learner went on to further education or training outside the programme, from the course
 * or after completing it; a seat they held is offered on.
 */
export async function progressPlace(deps: TrainingDeps, actor: Actor, placeId: string) {
  return changePlace(deps, actor, placeId, async (tx, place, seats, ctx) => {
    if (place.status !== 'enrolled' && place.status !== 'completed')
      throw notOpen(place, 'progress to further education');
    await updatePlace(tx, place.id, { status: 'progressed', ended: true });
    await appendToOutbox(tx, [placeEvent(progressedToFurtherEducationV1, place, {}, ctx)]);
    if (place.status === 'enrolled')
      await offerFreedSeats(tx, place.intakeId, { ...seats, held: seats.held - 1 }, ctx);
    return placeView(tx, await reload(tx, place.id));
  });
}

/** The provider changes an intake's seats: raised, the new seats go to those first in line. */
export async function changeCapacity(
  deps: TrainingDeps,
  actor: Actor,
  intakeId: string,
  capacity: number,
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const seats = await lockSeats(tx, intakeId);
    assertProviderOf(seats?.providerOrganisationId, actor);
    if (!seats) return;
    if (capacity < seats.held)
      throw problem.conflict(`${seats.held} seats are taken or offered; capacity cannot go below`, {
        code: 'capacity-below-seats-held',
        errors: [{ field: 'body.capacity', message: `at least ${seats.held}` }],
      });
    await setCapacity(tx, intakeId, capacity);
    await offerFreedSeats(tx, intakeId, { ...seats, capacity }, eventContext(deps, actor));
  });
}
