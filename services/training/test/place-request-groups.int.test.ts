import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  courseWithIntake,
  outboxEvents,
  startTrainingApp,
  withKey,
  type Caller,
  type PlaceBody,
  type TrainingTestApp,
} from './support/training-app.js';

/**
 * Requests that arrive together are decided in groups, one transaction each: every one must be
 * answered as if it had run alone, in turn.
 */
describe('place requests decided together', () => {
  let t: TrainingTestApp;
  let programmeId: string;
  beforeAll(async () => {
    t = await startTrainingApp();
    programmeId = await t.programme();
  });
  afterAll(async () => t.close());

  const ask = (
    intakeId: string,
    body: { participantId: string; programmeId: string },
    by: Caller = t.operator,
    key: string = randomUUID(),
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/intakes/${intakeId}/places`,
      headers: withKey(by, key),
      payload: body,
    });

  const storedPlaces = async (intakeId: string) =>
    (
      await t.pool.query<{ id: string; status: string; created_at: Date }>(
        'select id, status, created_at from places where intake_id = $1 order by request_seq',
        [intakeId],
      )
    ).rows;

  it('when requests of every kind arrive at once, then each is answered as it would be alone and only the places created are stored', async () => {
    const { intakeId } = await courseWithIntake(t, 2);
    const [p1, p2, p3, p4, p5] = await Promise.all(
      Array.from({ length: 5 }, () => t.participant(programmeId)),
    );
    const outsider = randomUUID(); // in no programme
    const retried = randomUUID();
    const reused = randomUUID();
    const [a, b, c, retry, twin, reuseA, reuseB, notIn, unknown, notMine, noIntake] =
      await Promise.all([
        ask(intakeId, { participantId: p1!, programmeId }, t.operator, retried),
        ask(intakeId, { participantId: p2!, programmeId }),
        ask(intakeId, { participantId: p3!, programmeId }),
        ask(intakeId, { participantId: p1!, programmeId }, t.operator, retried),
        ask(intakeId, { participantId: p1!, programmeId }),
        ask(intakeId, { participantId: p4!, programmeId }, t.operator, reused),
        ask(intakeId, { participantId: p5!, programmeId }, t.operator, reused),
        ask(intakeId, { participantId: outsider, programmeId }),
        ask(intakeId, { participantId: p2!, programmeId: 'no-such-programme' }),
        ask(intakeId, { participantId: p2!, programmeId }, t.otherOperator),
        ask(randomUUID(), { participantId: p2!, programmeId }),
      ]);

    // The same key and body twice: one created, the other its replay, the same place.
    expect([a.statusCode, retry.statusCode].sort()).toEqual([200, 201]);
    expect(a.json()).toEqual(retry.json());
    const replay = a.statusCode === 200 ? a : retry;
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The same key with another body: one created, the other refused.
    expect([reuseA.statusCode, reuseB.statusCode].sort()).toEqual([201, 422]);
    expect((reuseA.statusCode === 422 ? reuseA : reuseB).json()).toMatchObject({
      code: 'idempotency-key-reused',
    });
    const p1Place = a.json<PlaceBody>();
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({
      code: 'place-exists',
      existingPlace: `/v1/places/${p1Place.id}`,
    });
    expect(notIn.json()).toMatchObject({ code: 'participant-not-in-programme' });
    expect(unknown.json()).toMatchObject({ code: 'unknown-programme' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json()).toMatchObject({ code: 'not-programme-operator' });
    expect(noIntake.statusCode).toBe(404);

    // Four places created (p1, p2, p3 and one of p4/p5) on 2 seats: two enrolled, two waiting.
    const created = [a, retry, b, c, reuseA, reuseB]
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json<PlaceBody>());
    expect(created).toHaveLength(4);
    const stored = await storedPlaces(intakeId);
    expect(stored.map((p) => p.id).sort()).toEqual(created.map((p) => p.id).sort());
    expect(stored.map((p) => p.status)).toEqual([
      'enrolled',
      'enrolled',
      'waitlisted',
      'waitlisted',
    ]);
    // Each answer says what was stored, waitlist positions in request order.
    const byId = new Map(created.map((p) => [p.id, p]));
    expect(stored.map((p) => byId.get(p.id)!.status)).toEqual(stored.map((p) => p.status));
    expect(stored.slice(2).map((p) => byId.get(p.id)!.waitlistPosition)).toEqual([1, 2]);
    const events = async (type: string) =>
      (await outboxEvents(t.pool, type)).filter((e) => e.payload.data.intakeId === intakeId);
    expect(await events('TrainingPlaceRequested')).toHaveLength(4);
    expect(await events('TrainingEnrolled')).toHaveLength(2);
    expect((await events('TrainingWaitlisted')).map((e) => e.payload.data.position)).toEqual([
      1, 2,
    ]);
    // Some of them were decided in one transaction (they share its time): this test ran a group.
    expect(new Set(stored.map((p) => p.created_at.getTime())).size).toBeLessThan(stored.length);
  });

  it('when one request of a group fails in the database, then only it fails and the others are placed', async () => {
    const { intakeId } = await courseWithIntake(t, 10);
    const participants = await Promise.all(
      Array.from({ length: 8 }, () => t.participant(programmeId)),
    );
    // PostgreSQL cannot store a NUL character: this request's programme look-up fails.
    const answers = await Promise.all([
      ...participants
        .slice(0, 4)
        .map((participantId) => ask(intakeId, { participantId, programmeId })),
      ask(intakeId, { participantId: participants[0]!, programmeId: 'bench\u0000' }),
      ...participants
        .slice(4)
        .map((participantId) => ask(intakeId, { participantId, programmeId })),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 500, 201, 201, 201, 201]);
    const stored = await storedPlaces(intakeId);
    expect(stored).toHaveLength(8);
    expect(stored.every((p) => p.status === 'enrolled')).toBe(true);
  });
});
