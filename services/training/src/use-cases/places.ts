import { randomUUID } from 'node:crypto';
import {
  appendToOutbox,
  inTurn,
  outboxStatement,
  runTogether,
  withTransaction,
  type OutboxMessage,
  type PoolClient,
} from '@ladder/db';
import {
  progressedToFurtherEducationV1,
  trainingCompletedV1,
  trainingEnrolledV1,
  trainingPlaceRequestedV1,
  trainingWaitlistedV1,
  trainingWithdrawnV1,
} from '@ladder/events';
import { problem, type ProblemError } from '@ladder/http';
import {
  claimIdempotencyKeys,
  idempotencyLockKey,
  priorAnswer,
  requestHash,
  storedResponseRows,
  type ClaimedKey,
  type IdempotentResult,
  type ResponseToStore,
  type StoredResponse,
} from '@ladder/idempotency';
import type { ProgrammeOf } from '@ladder/programme-copy';
import type { CourseResult, EarlyEndReason } from '@ladder/vocabulary';
import {
  lockSeats,
  lockSeatsOf,
  setCapacity,
  type LockedIntakes,
  type LockedSeats,
} from '../db/intakes.repository.js';
import {
  getPlace,
  newPlaceRows,
  updatePlace,
  waitlistPosition,
  type NewPlace,
  type Place,
} from '../db/places.repository.js';
import { findProgrammesOf } from '../db/programmes.repository.js';
import { takePlace, type TakenPlace } from '../domain/seats.js';
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

/** A place as the API shows it, with a waitlisted place's position as known. */
function toPlaceView(place: Place, position: number | null): PlaceView {
  return {
    id: place.id,
    intakeId: place.intakeId,
    courseId: place.courseId,
    participantId: place.participantId,
    programmeId: place.programmeId,
    status: place.status,
    waitlistPosition: place.status === 'waitlisted' ? position : null,
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
  };
}

export async function placeView(
  db: PoolClient | TrainingDeps['pool'],
  place: Place,
): Promise<PlaceView> {
  return toPlaceView(
    place,
    place.status === 'waitlisted' ? await waitlistPosition(db, place) : null,
  );
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

/** A request for a place on an intake, as the route received it: who asks, under which key. */
export interface PlaceAsk {
  actor: Actor;
  idempotencyKey: string;
  request: { intakeId: string; participantId: string; programmeId: string };
}

/** A request for a place answered: created (or the first answer replayed), or refused. */
export type PlaceAnswer = IdempotentResult<PlaceView> | ProblemError;

/**
 * Requests for places (by the operator of the participant's programme, or by the intake's
 * provider where the programme lets providers enrol directly), decided together in the caller's
 * transaction and answered each in its place, as if each had run alone in the order given. Each
 * runs under its Idempotency-Key (claimed for all at once; the same key twice is the later
 * request's retry). Each intake is locked once for all of them: a seat while one is free and
 * nobody waits, otherwise the end of the waitlist, in the order given. Everything the created
 * places write (the places, their events, the stored answers) goes in one statement; a refused
 * request writes nothing.
 */
export async function requestPlaces(
  tx: PoolClient,
  deps: TrainingDeps,
  asks: readonly PlaceAsk[],
): Promise<PlaceAnswer[]> {
  const hashes = asks.map((a) => requestHash(a.request));
  // Every intake asked for is locked, even for a request refused before it gets there: the
  // look-ups go together (one round trip on a pipelining connection), and an extra lock held for
  // the group's short transaction costs nothing.
  const [claims, programmes, intakes] = await inTurn<
    [ClaimedKey[], (ProgrammeOf<'training'> | undefined)[], LockedIntakes]
  >(tx, [
    () =>
      claimIdempotencyKeys(
        tx,
        asks.map((a) => ({ organisationId: a.actor.organisationId, key: a.idempotencyKey })),
      ),
    () =>
      findProgrammesOf(
        tx,
        asks.map((a) => a.request),
      ),
    () =>
      lockSeatsOf(
        tx,
        [...new Set(asks.map((a) => a.request.intakeId))],
        asks.map((a) => a.request.participantId),
      ),
  ]);
  // What each request is answered before its intake is looked at: by its key, by its programme.
  const early = asks.map(
    (ask, i) =>
      priorAnswer<PlaceView>(claims[i]!, hashes[i]!) ?? programmeRefusal(ask, programmes[i]),
  );

  const writes = {
    places: [] as NewPlace[],
    events: [] as OutboxMessage[],
    responses: [] as ResponseToStore[],
  };
  // What the requests before have done in this group: the answers they were created with, by
  // key (a later request with the same key is their retry), and the places they opened.
  const createdUnder = new Map<string, StoredResponse>();
  const openedHere = new Map<string, string>();
  const answers = asks.map((ask, i): PlaceAnswer => {
    const { actor, idempotencyKey, request } = ask;
    const key = idempotencyLockKey(actor.organisationId, idempotencyKey);
    const earlier = createdUnder.get(key);
    if (earlier) return priorAnswer<PlaceView>({ locked: true, stored: earlier }, hashes[i]!)!;
    const refused = early[i];
    if (refused) return refused;
    const { programme } = programmes[i]!;
    const seats = intakes.seats.get(request.intakeId);
    const direct = actor.organisationKind === 'training-provider';
    // A provider asking sees only its own intakes.
    if (!seats || (direct && seats.providerOrganisationId !== actor.organisationId))
      return problem.notFound('no such intake');
    const opened = `${request.intakeId}/${request.participantId}`;
    const existing =
      intakes.openPlace(request.intakeId, request.participantId) ?? openedHere.get(opened);
    const refusal = intakeRefusal(direct, programme, existing);
    if (refusal) return refusal;

    const taken = takePlace(seats);
    intakes.seats.set(request.intakeId, { ...seats, ...taken.after });
    const { row, place } = newPlace(ask, programme, seats, taken.status, intakes.at);
    const view = toPlaceView(place, taken.position);
    const response: StoredResponse = { requestHash: hashes[i]!, status: 201, body: view };
    writes.places.push(row);
    writes.events.push(...placeRequestEvents(deps, actor, place, taken));
    writes.responses.push({
      organisationId: actor.organisationId,
      key: idempotencyKey,
      response,
      keepDays: deps.idempotencyKeepDays,
    });
    createdUnder.set(key, response);
    openedHere.set(opened, place.id);
    return { status: 201, body: view, replayed: false };
  });
  if (writes.places.length > 0)
    await runTogether(
      tx,
      [
        newPlaceRows.statement(writes.places),
        outboxStatement(writes.events),
        storedResponseRows.statement(writes.responses),
      ],
      { prepare: true },
    );
  return answers;
}

/** Why an intake refuses a request: not open to direct enrolment, or a place there already. */
function intakeRefusal(
  direct: boolean,
  programme: ProgrammeOf<'training'>['programme'],
  existingPlace: string | undefined,
): ProblemError | undefined {
  if (direct && !programme.training.providerMayEnrolDirectly)
    return problem.forbidden('this programme does not let providers enrol directly', {
      code: 'direct-enrolment-not-allowed',
    });
  if (existingPlace)
    return problem.conflict('the participant already has a place on this intake', {
      code: 'place-exists',
      existingPlace: `/v1/places/${existingPlace}`,
    });
  return undefined;
}

/** A request's new place: its row, and the place as written (read back, it would be the same). */
function newPlace(
  { actor, request }: PlaceAsk,
  programme: ProgrammeOf<'training'>['programme'],
  seats: LockedSeats,
  status: TakenPlace['status'],
  at: Date,
): { row: NewPlace; place: Place } {
  const requestedBy =
    actor.organisationKind === 'training-provider' ? 'training-provider' : 'programme-operator';
  const row: NewPlace = {
    id: randomUUID(),
    ...request,
    requestedBy,
    requestedByOrganisationId: actor.organisationId,
    status,
  };
  const createdAt = at.toISOString();
  const place: Place = {
    id: row.id,
    ...request,
    requestedBy,
    status,
    courseId: seats.courseId,
    providerOrganisationId: seats.providerOrganisationId,
    operatorOrganisationId: programme.operatorOrganisationId,
    qualification: seats.qualification,
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
  return { row, place };
}

/** Why a request's programme refuses it (unknown, not the asker's, not the participant's). */
function programmeRefusal(
  { actor }: PlaceAsk,
  found: ProgrammeOf<'training'> | undefined,
): ProblemError | undefined {
  if (!found)
    return problem.unprocessable('no such programme', {
      code: 'unknown-programme',
      errors: [{ field: 'body.programmeId', message: 'no such programme' }],
    });
  const direct = actor.organisationKind === 'training-provider';
  if (!direct && found.programme.operatorOrganisationId !== actor.organisationId)
    return problem.forbidden('only the operator of the programme may ask for its places', {
      code: 'not-programme-operator',
    });
  if (!found.participantIsIn)
    return problem.unprocessable('the participant is not in this programme', {
      code: 'participant-not-in-programme',
      errors: [{ field: 'body.participantId', message: 'not a participant of the programme' }],
    });
  return undefined;
}

/** A new place's events: requested, then enrolled or waitlisted (with its position). */
function placeRequestEvents(
  deps: TrainingDeps,
  actor: Actor,
  place: Place,
  taken: TakenPlace,
): OutboxMessage[] {
  const ctx = eventContext(deps, actor);
  const direct = place.requestedBy === 'training-provider';
  return [
    placeEvent(
      trainingPlaceRequestedV1,
      place,
      { requestedBy: place.requestedBy, requestedByOrganisationId: actor.organisationId },
      ctx,
    ),
    taken.status === 'enrolled'
      ? placeEvent(
          trainingEnrolledV1,
          place,
          { qualification: place.qualification, via: direct ? 'direct-enrolment' : 'request' },
          ctx,
        )
      : placeEvent(trainingWaitlistedV1, place, { position: taken.position ?? 1 }, ctx),
  ];
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
