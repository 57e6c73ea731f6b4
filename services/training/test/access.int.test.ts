import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  courseBody,
  courseWithIntake,
  requestPlace,
  startTrainingApp,
  weeklySessions,
  withKey,
  type PlaceBody,
  type TrainingTestApp,
} from './support/training-app.js';

/** Every route refuses another organisation (as "not found" where existence would leak). */
describe('who may see and change what', () => {
  let t: TrainingTestApp;
  let programmeId: string;
  let courseId: string;
  let intakeId: string;
  let place: PlaceBody;
  let otherPlace: PlaceBody;

  beforeAll(async () => {
    t = await startTrainingApp();
    programmeId = await t.programme();
    ({ courseId, intakeId } = await courseWithIntake(t, 1));
    place = (await requestPlace(t, intakeId, programmeId, await t.participant(programmeId))).json();
    // A second programme, of another operator, with a participant waiting on the same intake.
    const otherProgramme = await t.programme({}, t.otherOperator);
    otherPlace = (
      await requestPlace(
        t,
        intakeId,
        otherProgramme,
        await t.participant(otherProgramme),
        t.otherOperator,
      )
    ).json();
  });
  afterAll(async () => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    by = t.otherProvider,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: withKey(by),
      ...(payload === undefined ? {} : { payload }),
    });

  it('when nobody is authenticated, then every API route answers 401', async () => {
    for (const [method, url] of [
      ['GET', '/v1/courses'],
      ['GET', `/v1/intakes/${intakeId}`],
      ['GET', `/v1/places/${place.id}`],
      ['POST', `/v1/places/${place.id}/progress`],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode).toBe(401);
    }
  });

  it('when a Job Centre or an operator adds a course, then it is refused', async () => {
    expect((await call('POST', '/v1/courses', t.jobCentre, courseBody)).statusCode).toBe(403);
    expect((await call('POST', '/v1/courses', t.operator, courseBody)).statusCode).toBe(403);
  });

  it('when another provider reads or extends a course, then it is not found and not listed', async () => {
    expect((await call('GET', `/v1/courses/${courseId}`)).statusCode).toBe(404);
    expect((await call('GET', '/v1/courses')).json()).toEqual({ items: [] });
    const intake = await call('POST', `/v1/courses/${courseId}/intakes`, t.otherProvider, {
      startsOn: '2027-01-11',
      endsOn: '2027-02-11',
      capacity: 5,
      sessions: weeklySessions(2),
    });
    expect(intake.statusCode).toBe(404);
    expect(
      (await call('GET', '/v1/courses', t.provider)).json<{ items: unknown[] }>().items,
    ).toHaveLength(1);
  });

  it('when another provider or an operator without participants there reads an intake, then it is not found and not listed', async () => {
    expect((await call('GET', `/v1/intakes/${intakeId}`)).statusCode).toBe(404);
    expect((await call('GET', '/v1/intakes')).json()).toEqual({ items: [] });
    const stranger = await t.programme({}, t.jobCentre);
    expect(stranger).toBeTruthy();
    const { intakeId: unused } = await courseWithIntake(t, 3);
    expect((await call('GET', `/v1/intakes/${unused}`, t.operator)).statusCode).toBe(404);
    expect(
      (await call('GET', '/v1/intakes', t.operator))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id),
    ).toEqual([intakeId]);
  });

  it('when an operator reads an intake its participants use, then it sees only its own programme’s places', async () => {
    const mine = await call('GET', `/v1/intakes/${intakeId}`, t.operator);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ places: { id: string }[] }>().places.map((p) => p.id)).toEqual([place.id]);
    const theirs = await call('GET', `/v1/intakes/${intakeId}`, t.otherOperator);
    expect(theirs.json<{ places: { id: string }[] }>().places.map((p) => p.id)).toEqual([
      otherPlace.id,
    ]);
    const provider = await call('GET', `/v1/intakes/${intakeId}`, t.provider);
    expect(provider.json<{ places: unknown[] }>().places).toHaveLength(2);
  });

  it('when another provider or operator changes capacity or records a register, then it is not found', async () => {
    expect(
      (await call('PATCH', `/v1/intakes/${intakeId}/capacity`, t.otherProvider, { capacity: 9 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('PATCH', `/v1/intakes/${intakeId}/capacity`, t.operator, { capacity: 9 }))
        .statusCode,
    ).toBe(404);
    const marks = { marks: [{ placeId: place.id, mark: 'attended' }] };
    expect(
      (await call('PUT', `/v1/intakes/${intakeId}/sessions/1/register`, t.otherProvider, marks))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('PUT', `/v1/intakes/${intakeId}/sessions/1/register`, t.operator, marks))
        .statusCode,
    ).toBe(404);
    expect((await call('GET', `/v1/intakes/${intakeId}/sessions/1/register`)).statusCode).toBe(404);
  });

  it('when an operator asks for a place in a programme it does not operate, or a provider enrols directly where the programme does not allow it, then it is refused', async () => {
    const participant = await t.participant(programmeId);
    const other = await requestPlace(t, intakeId, programmeId, participant, t.otherOperator);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'not-programme-operator' });
    const direct = await requestPlace(t, intakeId, programmeId, participant, t.provider);
    expect(direct.statusCode).toBe(403);
    expect(direct.json()).toMatchObject({ code: 'direct-enrolment-not-allowed' });
    const notInProgramme = await requestPlace(t, intakeId, programmeId, crypto.randomUUID());
    expect(notInProgramme.statusCode).toBe(422);
    expect(JSON.stringify(notInProgramme.json())).toContain('body.participantId');
  });

  it('when the programme lets providers enrol directly, then the intake’s provider may, and another provider may not', async () => {
    const open = await t.programme({ providerMayEnrolDirectly: true });
    const participant = await t.participant(open);
    const byOther = await requestPlace(t, intakeId, open, participant, t.otherProvider);
    expect(byOther.statusCode).toBe(404);
    const { intakeId: roomy } = await courseWithIntake(t, 5);
    const direct = await requestPlace(t, roomy, open, participant, t.provider);
    expect(direct.statusCode).toBe(201);
    expect(direct.json()).toMatchObject({ status: 'enrolled' });
  });

  it('when another provider or operator reads or changes a place, then it is not found', async () => {
    for (const by of [t.otherProvider, t.jobCentre]) {
      expect((await call('GET', `/v1/places/${place.id}`, by)).statusCode).toBe(404);
    }
    expect((await call('GET', `/v1/places/${place.id}`, t.otherOperator)).statusCode).toBe(404);
    expect(
      (await call('POST', `/v1/places/${otherPlace.id}/offer/accept`, t.operator)).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/v1/places/${otherPlace.id}/offer/decline`, t.operator)).statusCode,
    ).toBe(404);
    expect(
      (
        await call('POST', `/v1/places/${place.id}/withdraw`, t.otherOperator, {
          reasonCode: 'other',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/v1/places/${place.id}/complete`, t.otherProvider, { result: 'passed' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/v1/places/${place.id}/progress`, t.otherProvider)).statusCode,
    ).toBe(404);
    expect((await call('GET', `/v1/places/${place.id}/learner`, t.otherProvider)).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/v1/places/${place.id}/learner`, t.operator)).statusCode).toBe(404);
    // The place is untouched.
    expect((await call('GET', `/v1/places/${place.id}`, t.provider)).json()).toMatchObject({
      status: 'enrolled',
    });
  });

  it('when a creating POST has no Idempotency-Key, then it is refused naming the header', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/courses',
      headers: bearer(t.provider),
      payload: courseBody,
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('idempotency-key');
  });
});
