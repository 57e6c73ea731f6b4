import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  courseWithIntake,
  outboxEvents,
  requestPlace,
  startTrainingApp,
  type PlaceBody,
  type TrainingTestApp,
} from './support/training-app.js';

describe('seats and waitlists', () => {
  let t: TrainingTestApp;
  let programmeId: string;
  beforeAll(async () => {
    t = await startTrainingApp();
    programmeId = await t.programme({ seatOfferResponseHours: 24 });
  });
  afterAll(async () => t.close());

  const seatCounts = async (intakeId: string) =>
    (
      await t.pool.query<{ status: string; n: number }>(
        'select status, count(*)::int as n from places where intake_id = $1 group by status',
        [intakeId],
      )
    ).rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: r.n }), {});

  it('when 50 requests for an intake of 10 seats arrive at once, then exactly 10 are enrolled and 40 waitlisted in request order', async () => {
    const { intakeId } = await courseWithIntake(t, 10);
    const participants = await Promise.all(
      Array.from({ length: 50 }, () => t.participant(programmeId)),
    );
    const responses = await Promise.all(
      participants.map((p) => requestPlace(t, intakeId, programmeId, p)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array<number>(50).fill(201));
    const places = responses.map((r) => r.json<PlaceBody>());
    expect(places.filter((p) => p.status === 'enrolled')).toHaveLength(10);
    const waitlisted = places.filter((p) => p.status === 'waitlisted');
    expect(waitlisted).toHaveLength(40);
    // Positions 1..40, each once, in the order the requests were decided.
    expect(waitlisted.map((p) => p.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const { rows } = await t.pool.query<{ id: string }>(
      `select id from places where intake_id = $1 and status = 'waitlisted' order by request_seq`,
      [intakeId],
    );
    const byPosition = [...waitlisted].sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
    expect(byPosition.map((p) => p.id)).toEqual(rows.map((r) => r.id));
    // Every enrolment was decided before every waitlisting.
    const { rows: order } = await t.pool.query<{ status: string }>(
      'select status from places where intake_id = $1 order by request_seq',
      [intakeId],
    );
    expect(order.slice(0, 10).every((r) => r.status === 'enrolled')).toBe(true);
    expect(await seatCounts(intakeId)).toEqual({ enrolled: 10, waitlisted: 40 });

    const intake = await t.app.inject({
      method: 'GET',
      url: `/v1/intakes/${intakeId}`,
      headers: bearer(t.provider),
    });
    expect(intake.json()).toMatchObject({
      capacity: 10,
      seats: { enrolled: 10, offered: 0, waitlisted: 40 },
    });
    const enrolled = (await outboxEvents(t.pool, 'TrainingEnrolled')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(enrolled).toHaveLength(10);
    expect(enrolled.every((e) => e.message_key === e.payload.data.participantId)).toBe(true);
    const waitlistedEvents = (await outboxEvents(t.pool, 'TrainingWaitlisted')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(
      waitlistedEvents.map((e) => e.payload.data.position).sort((a, b) => Number(a) - Number(b)),
    ).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('when a learner withdraws from a full intake, then the freed seat is offered to the first in line with the programme’s response window', async () => {
    const { intakeId } = await courseWithIntake(t, 2);
    const ids = await Promise.all(Array.from({ length: 4 }, () => t.participant(programmeId)));
    const places: PlaceBody[] = [];
    for (const p of ids) places.push((await requestPlace(t, intakeId, programmeId, p)).json());
    expect(places.map((p) => p.status)).toEqual([
      'enrolled',
      'enrolled',
      'waitlisted',
      'waitlisted',
    ]);

    const before = Date.now();
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/withdraw`,
      headers: bearer(t.provider),
      payload: { reasonCode: 'caring-responsibilities' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      endReason: 'caring-responsibilities',
    });

    const first = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[2]!.id}`,
      headers: bearer(t.operator),
    });
    const offered = first.json<PlaceBody>();
    expect(offered.status).toBe('offered');
    const window = new Date(offered.offerExpiresAt!).getTime() - before;
    expect(window).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(window).toBeLessThan(24 * 3_600_000 + 60_000);
    const second = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[3]!.id}`,
      headers: bearer(t.operator),
    });
    expect(second.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const offers = (await outboxEvents(t.pool, 'TrainingSeatOffered')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(offers.map((e) => e.payload.subject)).toEqual([ids[2]]);
    expect(await seatCounts(intakeId)).toEqual({
      enrolled: 1,
      offered: 1,
      waitlisted: 1,
      withdrawn: 1,
    });

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/offer/accept`,
      headers: bearer(t.operator),
    });
    expect(accepted.json()).toMatchObject({ status: 'enrolled', offerExpiresAt: null });
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/offer/accept`,
      headers: bearer(t.operator),
    });
    expect(again.statusCode).toBe(409);
  });

  it('when an offer is turned down, then it goes to the next in line; when nobody answers in time, the background pass gives it to the next', async () => {
    const { intakeId } = await courseWithIntake(t, 1);
    const ids = await Promise.all(Array.from({ length: 4 }, () => t.participant(programmeId)));
    const places: PlaceBody[] = [];
    for (const p of ids) places.push((await requestPlace(t, intakeId, programmeId, p)).json());
    await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/withdraw`,
      headers: bearer(t.operator),
      payload: { reasonCode: 'found-other-work' },
    });
    const declined = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[1]!.id}/offer/decline`,
      headers: bearer(t.operator),
    });
    expect(declined.json()).toMatchObject({ status: 'offer-declined' });
    const third = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[2]!.id}`,
      headers: bearer(t.provider),
    });
    expect(third.json()).toMatchObject({ status: 'offered' });

    // The window passes (as if 24 hours went by), then the background pass runs.
    await t.pool.query(
      `update places set offer_expires_at = now() - interval '1 second' where id = $1`,
      [places[2]!.id],
    );
    const { lapseDueOffers } = await import('../src/use-cases/lapse-offers.js');
    expect(await lapseDueOffers(t.deps)).toBe(1);
    const lapsed = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[2]!.id}`,
      headers: bearer(t.provider),
    });
    expect(lapsed.json()).toMatchObject({ status: 'offer-lapsed' });
    const fourth = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[3]!.id}`,
      headers: bearer(t.provider),
    });
    expect(fourth.json()).toMatchObject({ status: 'offered' });
    const late = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/offer/accept`,
      headers: bearer(t.operator),
    });
    expect(late.statusCode).toBe(409);
    expect(await lapseDueOffers(t.deps)).toBe(0);
  });

  it('when an offer lapses, then TrainingSeatOfferLapsed is published once, for that place, with the seat offered to the next', async () => {
    const { intakeId } = await courseWithIntake(t, 1);
    const ids = await Promise.all(Array.from({ length: 3 }, () => t.participant(programmeId)));
    const places: PlaceBody[] = [];
    for (const p of ids) places.push((await requestPlace(t, intakeId, programmeId, p)).json());
    await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/withdraw`,
      headers: bearer(t.operator),
      payload: { reasonCode: 'found-other-work' },
    });
    await t.pool.query(
      `update places set offer_expires_at = now() - interval '1 second' where id = $1`,
      [places[1]!.id],
    );
    const { lapseDueOffers } = await import('../src/use-cases/lapse-offers.js');
    expect(await lapseDueOffers(t.deps)).toBe(1);
    expect(await lapseDueOffers(t.deps)).toBe(0);

    const lapsedEvents = (await outboxEvents(t.pool, 'TrainingSeatOfferLapsed')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(lapsedEvents).toHaveLength(1);
    expect(lapsedEvents[0]).toMatchObject({
      message_key: ids[1],
      payload: { data: { placeId: places[1]!.id, participantId: ids[1] } },
    });
    const offered = (await outboxEvents(t.pool, 'TrainingSeatOffered')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(offered.map((e) => e.payload.data.placeId)).toEqual([places[1]!.id, places[2]!.id]);
  });

  it('when the provider raises the capacity, then the new seats are offered to those first in line; it cannot go below the seats held', async () => {
    const { intakeId } = await courseWithIntake(t, 1);
    const ids = await Promise.all(Array.from({ length: 4 }, () => t.participant(programmeId)));
    const places: PlaceBody[] = [];
    for (const p of ids) places.push((await requestPlace(t, intakeId, programmeId, p)).json());
    const raised = await t.app.inject({
      method: 'PATCH',
      url: `/v1/intakes/${intakeId}/capacity`,
      headers: bearer(t.provider),
      payload: { capacity: 3 },
    });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({
      capacity: 3,
      seats: { enrolled: 1, offered: 2, waitlisted: 1 },
    });
    const statuses = await Promise.all(
      places.map(
        async (p) =>
          (
            await t.app.inject({
              method: 'GET',
              url: `/v1/places/${p.id}`,
              headers: bearer(t.provider),
            })
          ).json<PlaceBody>().status,
      ),
    );
    expect(statuses).toEqual(['enrolled', 'offered', 'offered', 'waitlisted']);
    const lowered = await t.app.inject({
      method: 'PATCH',
      url: `/v1/intakes/${intakeId}/capacity`,
      headers: bearer(t.provider),
      payload: { capacity: 2 },
    });
    expect(lowered.statusCode).toBe(409);
    expect(lowered.json()).toMatchObject({ code: 'capacity-below-seats-held' });
    const byOther = await t.app.inject({
      method: 'PATCH',
      url: `/v1/intakes/${intakeId}/capacity`,
      headers: bearer(t.otherProvider),
      payload: { capacity: 5 },
    });
    expect(byOther.statusCode).toBe(404);
  });

  it('when a learner leaves for further education mid-course, then their seat is offered to the first in line', async () => {
    const { intakeId } = await courseWithIntake(t, 1);
    const ids = await Promise.all(Array.from({ length: 3 }, () => t.participant(programmeId)));
    const places: PlaceBody[] = [];
    for (const p of ids) places.push((await requestPlace(t, intakeId, programmeId, p)).json());
    const progressed = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/progress`,
      headers: bearer(t.provider),
    });
    expect(progressed.json()).toMatchObject({ status: 'progressed' });
    expect(await seatCounts(intakeId)).toEqual({ progressed: 1, offered: 1, waitlisted: 1 });
    const next = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${places[1]!.id}`,
      headers: bearer(t.provider),
    });
    expect(next.json()).toMatchObject({ status: 'offered' });
  });

  it('when a request is retried with its Idempotency-Key, then the first answer is replayed and no second place made; a participant cannot hold two places on one intake', async () => {
    const { intakeId } = await courseWithIntake(t, 5);
    const participantId = await t.participant(programmeId);
    const headers = { ...bearer(t.operator), 'idempotency-key': 'place-request-retry-1' };
    const payload = { participantId, programmeId };
    const url = `/v1/intakes/${intakeId}/places`;
    const first = await t.app.inject({ method: 'POST', url, headers, payload });
    const second = await t.app.inject({ method: 'POST', url, headers, payload });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const third = await requestPlace(t, intakeId, programmeId, participantId);
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'place-exists' });
    const reused = await t.app.inject({
      method: 'POST',
      url,
      headers,
      payload: { participantId: await t.participant(programmeId), programmeId },
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency-key-reused' });
  });
});
