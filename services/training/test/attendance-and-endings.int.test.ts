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

describe('attendance and the end of a course', () => {
  let t: TrainingTestApp;
  let programmeId: string;
  beforeAll(async () => {
    t = await startTrainingApp();
    programmeId = await t.programme({ atRiskAfterAbsencesInARow: 2 });
  });
  afterAll(async () => t.close());

  const enrolled = async (n: number, sessions = 4) => {
    const { intakeId } = await courseWithIntake(t, 10, t.provider, sessions);
    const places: PlaceBody[] = [];
    for (let i = 0; i < n; i += 1)
      places.push(
        (await requestPlace(t, intakeId, programmeId, await t.participant(programmeId))).json(),
      );
    return { intakeId, places };
  };
  const register = (intakeId: string, session: number, marks: unknown[], by = t.provider) =>
    t.app.inject({
      method: 'PUT',
      url: `/v1/intakes/${intakeId}/sessions/${session}/register`,
      headers: bearer(by),
      payload: { marks },
    });

  it('when a whole register is recorded twice, then the second changes nothing; a correction is a new version with who and when', async () => {
    const { intakeId, places } = await enrolled(3);
    const marks = [
      { placeId: places[0]!.id, mark: 'attended' },
      { placeId: places[1]!.id, mark: 'late' },
      { placeId: places[2]!.id, mark: 'absent', absenceReason: 'illness' },
    ];
    const first = await register(intakeId, 1, marks);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, history: [{ version: 1 }] });
    const again = await register(intakeId, 1, [...marks].reverse());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 1 });
    const recorded = (await outboxEvents(t.pool, 'TrainingSessionRecorded')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(recorded).toHaveLength(3);
    expect(
      recorded.find((e) => e.payload.data.placeId === places[2]!.id)?.payload.data,
    ).toMatchObject({
      mark: 'absent',
      absenceReason: 'illness',
      absencesInARow: 1,
      sessionsRecorded: 1,
      sessionsAttended: 0,
    });

    const corrected = await register(intakeId, 1, [
      ...marks.slice(0, 2),
      { placeId: places[2]!.id, mark: 'excused' },
    ]);
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({
      version: 2,
      recordedByOrganisationId: t.provider.organisationId,
      history: [
        { version: 1 },
        { version: 2, recordedByOrganisationId: t.provider.organisationId },
      ],
    });
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/intakes/${intakeId}/sessions/1/register`,
      headers: bearer(t.provider),
    });
    expect(read.json()).toMatchObject({
      version: 2,
      marks: expect.arrayContaining([{ placeId: places[2]!.id, mark: 'excused' }]) as unknown,
    });
  });

  it('when an absence has no reason, or a mark names someone not on the intake, then the register is refused naming the field', async () => {
    const { intakeId, places } = await enrolled(1);
    const noReason = await register(intakeId, 2, [{ placeId: places[0]!.id, mark: 'absent' }]);
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('absenceReason');
    const stranger = await register(intakeId, 2, [
      { placeId: '0190a0a0-0000-7000-8000-000000000000', mark: 'attended' },
    ]);
    expect(stranger.statusCode).toBe(422);
    expect(JSON.stringify(stranger.json())).toContain('body.marks.0.placeId');
    const noSession = await register(intakeId, 99, [{ placeId: places[0]!.id, mark: 'attended' }]);
    expect(noSession.statusCode).toBe(404);
  });

  it('when a register marks someone who only waited for a seat, then it is refused', async () => {
    const { intakeId } = await courseWithIntake(t, 1);
    const seated = (
      await requestPlace(t, intakeId, programmeId, await t.participant(programmeId))
    ).json<PlaceBody>();
    const waiting = (
      await requestPlace(t, intakeId, programmeId, await t.participant(programmeId))
    ).json<PlaceBody>();
    expect(waiting.status).toBe('waitlisted');
    const response = await register(intakeId, 1, [
      { placeId: seated.id, mark: 'attended' },
      { placeId: waiting.id, mark: 'attended' },
    ]);
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json())).toContain('body.marks.1.placeId');
  });

  it('when a learner misses as many sessions in a row as the programme allows, then they are marked at risk, once', async () => {
    const { intakeId, places } = await enrolled(2);
    const [a, b] = places;
    await register(intakeId, 1, [
      { placeId: a!.id, mark: 'absent', absenceReason: 'transport' },
      { placeId: b!.id, mark: 'attended' },
    ]);
    await register(intakeId, 2, [
      { placeId: a!.id, mark: 'absent', absenceReason: 'no-contact' },
      { placeId: b!.id, mark: 'absent', absenceReason: 'illness' },
    ]);
    await register(intakeId, 3, [
      { placeId: a!.id, mark: 'absent', absenceReason: 'no-contact' },
      { placeId: b!.id, mark: 'attended' },
    ]);
    const atRisk = (await outboxEvents(t.pool, 'TrainingAtRisk')).filter(
      (e) => e.payload.data.intakeId === intakeId,
    );
    expect(atRisk.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ placeId: a!.id, absencesInARow: 2, threshold: 2 }),
    ]);
    const place = await t.app.inject({
      method: 'GET',
      url: `/v1/places/${a!.id}`,
      headers: bearer(t.operator),
    });
    expect(place.json()).toMatchObject({ atRisk: true });
  });

  it('when a learner completes, then the result and the qualification awarded (body and date) are kept and published with the qualification code', async () => {
    const { places } = await enrolled(2);
    const completed = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/complete`,
      headers: bearer(t.provider),
      payload: {
        result: 'passed',
        award: { awardingBody: 'Skills for Care', awardedOn: '2027-04-02' },
      },
    });
    expect(completed.statusCode).toBe(200);
    expect(completed.json()).toMatchObject({
      status: 'completed',
      result: 'passed',
      award: {
        qualification: 'care-certificate',
        awardingBody: 'Skills for Care',
        awardedOn: '2027-04-02',
      },
    });
    const event = (await outboxEvents(t.pool, 'TrainingCompleted')).find(
      (e) => e.payload.data.placeId === places[0]!.id,
    );
    expect(event?.payload.data).toMatchObject({
      result: 'passed',
      qualification: 'care-certificate',
      qualificationAwarded: true,
    });
    expect(JSON.stringify(event)).not.toContain('Skills for Care');

    const failedWithAward = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[1]!.id}/complete`,
      headers: bearer(t.provider),
      payload: { result: 'failed', award: { awardingBody: 'NCFE', awardedOn: '2027-04-02' } },
    });
    expect(failedWithAward.statusCode).toBe(422);
    const byOperator = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[1]!.id}/complete`,
      headers: bearer(t.operator),
      payload: { result: 'partially-achieved' },
    });
    expect(byOperator.statusCode).toBe(404);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/complete`,
      headers: bearer(t.provider),
      payload: { result: 'passed' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('when a learner withdraws with a reason or progresses to further education, then each is recorded and published once', async () => {
    const { places } = await enrolled(3);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[0]!.id}/withdraw`,
      headers: bearer(t.provider),
      payload: { reasonCode: 'health' },
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', endReason: 'health' });
    const badReason = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[1]!.id}/withdraw`,
      headers: bearer(t.provider),
      payload: { reasonCode: 'bored' },
    });
    expect(badReason.statusCode).toBe(400);
    const progressed = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[1]!.id}/progress`,
      headers: bearer(t.operator),
    });
    expect(progressed.json()).toMatchObject({ status: 'progressed' });
    await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/complete`,
      headers: bearer(t.provider),
      payload: { result: 'passed' },
    });
    const afterCompletion = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/progress`,
      headers: bearer(t.provider),
    });
    expect(afterCompletion.json()).toMatchObject({ status: 'progressed', result: 'passed' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/places/${places[2]!.id}/progress`,
      headers: bearer(t.provider),
    });
    expect(again.statusCode).toBe(409);
    const withdrawals = (await outboxEvents(t.pool, 'TrainingWithdrawn')).filter(
      (e) => e.payload.data.placeId === places[0]!.id,
    );
    expect(withdrawals.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ reasonCode: 'health', from: 'enrolled' }),
    ]);
    const progressions = (await outboxEvents(t.pool, 'ProgressedToFurtherEducation')).filter(
      (e) => e.payload.data.placeId === places[1]!.id || e.payload.data.placeId === places[2]!.id,
    );
    expect(progressions).toHaveLength(2);
  });
});
