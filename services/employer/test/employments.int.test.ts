import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmployerApp, type Caller, type EmployerTestApp } from './support/employer-app.js';
import {
  dayFromToday,
  employmentRequests,
  unconditionalOffer,
} from './support/unconditional-offer.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

const { post, get, eventsOf } = employmentRequests(() => t);
const agree = (offerId: string, startsOn: string, caller?: Caller, key?: string) =>
  post(`/v1/offers/${offerId}/start-date`, { startsOn }, caller, key);
const start = (offerId: string, startedOn: string, caller?: Caller, key?: string) =>
  post(`/v1/employments/${offerId}/start`, { startedOn }, caller, key);
const leave = (offerId: string, leftOn: string, reasonCode = 'health', caller?: Caller) =>
  post(`/v1/employments/${offerId}/leave`, { leftOn, reasonCode }, caller);

describe('start date', () => {
  it('when the employer agrees a start date, changes it and agrees the same day again, then each change is published once', async () => {
    const { offerId, participantId, vacancyId } = await unconditionalOffer(t);
    const first = await agree(offerId, dayFromToday(14));
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/v1/employments/${offerId}`);
    expect(first.json()).toMatchObject({ status: 'agreed', startsOn: dayFromToday(14) });
    const moved = await agree(offerId, dayFromToday(21));
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsOn: dayFromToday(21) });
    expect((await agree(offerId, dayFromToday(21))).statusCode).toBe(200);
    const events = await eventsOf('StartDateAgreed', participantId);
    expect(events.map((e) => e.payload.data.startsOn)).toEqual([
      dayFromToday(14),
      dayFromToday(21),
    ]);
    expect(events[0]!.payload.data).toMatchObject({ offerId, vacancyId, participantId });
  });

  it('when the offer is not unconditional or the day is before the offer, then the start date is refused', async () => {
    const { offerId } = await unconditionalOffer(t, { madeDaysAgo: 3 });
    const early = await agree(offerId, dayFromToday(-4));
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('body.startsOn');
    expect((await agree(offerId, 'not-a-day')).statusCode).toBe(400);
    await t.pool.query(`update offers set status = 'accepted' where id = $1`, [offerId]);
    const accepted = await agree(offerId, dayFromToday(7));
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json()).toMatchObject({ code: 'offer-not-unconditional' });
    expect((await agree(randomUUID(), dayFromToday(7))).statusCode).toBe(404);
  });

  it('when the same agreement is retried with its Idempotency-Key, then it is answered again and published once', async () => {
    const { offerId, participantId } = await unconditionalOffer(t);
    const key = randomUUID();
    const first = await agree(offerId, dayFromToday(10), t.employer, key);
    const again = await agree(offerId, dayFromToday(10), t.employer, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventsOf('StartDateAgreed', participantId)).toHaveLength(1);
    const reused = await agree(offerId, dayFromToday(11), t.employer, key);
    expect(reused.statusCode).toBe(422);
  });
});

describe('start in post', () => {
  it('when the employer confirms the start, then StartedInPost is published and the two tasks fall at the programme marks', async () => {
    const { offerId, participantId } = await unconditionalOffer(t, {
      settings: { sustainmentMarkDays: { '13': 0.5, '26': 1.25 }, sustainmentResponseDays: 2 },
      madeDaysAgo: 5,
    });
    await agree(offerId, dayFromToday(-2));
    const started = await start(offerId, dayFromToday(-1));
    expect(started.statusCode).toBe(201);
    const startOfDay = Date.parse(`${dayFromToday(-1)}T00:00:00Z`);
    const employment = started.json<{
      status: string;
      sustainmentTasks: { weeks: number; markAt: string; answerDueAt: string; status: string }[];
    }>();
    expect(employment.status).toBe('in-post');
    expect(
      employment.sustainmentTasks.map((s) => [
        s.weeks,
        Date.parse(s.markAt) - startOfDay,
        Date.parse(s.answerDueAt) - Date.parse(s.markAt),
        s.status,
      ]),
    ).toEqual([
      [13, 43_200_000, 2 * 86_400_000, 'pending'],
      [26, 108_000_000, 2 * 86_400_000, 'pending'],
    ]);
    const events = await eventsOf('StartedInPost', participantId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.data).toMatchObject({ offerId, startedOn: dayFromToday(-1) });
    // The same start again changes nothing; another day or a new start date is refused.
    expect((await start(offerId, dayFromToday(-1))).statusCode).toBe(200);
    expect((await start(offerId, dayFromToday(0))).json()).toMatchObject({
      code: 'employment-started',
    });
    expect((await agree(offerId, dayFromToday(3))).statusCode).toBe(409);
    expect(await eventsOf('StartedInPost', participantId)).toHaveLength(1);
    const { rows } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from sustainment_tasks where offer_id = $1',
      [offerId],
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('when the start is in the future, before the offer, or without an agreed date, then it is refused naming the field', async () => {
    const { offerId } = await unconditionalOffer(t, { madeDaysAgo: 2 });
    expect((await start(offerId, dayFromToday(0))).statusCode).toBe(404);
    await agree(offerId, dayFromToday(0));
    const future = await start(offerId, dayFromToday(1));
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('body.startedOn');
    const beforeOffer = await start(offerId, dayFromToday(-3));
    expect(beforeOffer.statusCode).toBe(422);
    await t.pool.query(`update offers set status = 'withdrawn' where id = $1`, [offerId]);
    expect((await start(offerId, dayFromToday(0))).json()).toMatchObject({
      code: 'offer-not-unconditional',
    });
  });

  it('when the same start is retried with its Idempotency-Key, then the tasks are made once', async () => {
    const { offerId, participantId } = await unconditionalOffer(t);
    await agree(offerId, dayFromToday(0));
    const key = randomUUID();
    const answers = await Promise.all([
      start(offerId, dayFromToday(0), t.employer, key),
      start(offerId, dayFromToday(0), t.employer, key),
    ]);
    // One makes the tasks; the other waits for its answer (replayed) or is told to retry.
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const again = await start(offerId, dayFromToday(0), t.employer, key);
    expect(again.statusCode).toBe(200);
    expect(await eventsOf('StartedInPost', participantId)).toHaveLength(1);
  });
});

describe('leaving the post', () => {
  it('when the employer reports the person left, then LeftPost is published once and the tasks end', async () => {
    const { offerId, participantId } = await unconditionalOffer(t, { madeDaysAgo: 10 });
    await agree(offerId, dayFromToday(-5));
    await start(offerId, dayFromToday(-5));
    expect((await leave(offerId, dayFromToday(-6))).statusCode).toBe(422);
    expect((await leave(offerId, dayFromToday(1))).statusCode).toBe(422);
    const left = await leave(offerId, dayFromToday(-1), 'caring-responsibilities');
    expect(left.statusCode).toBe(200);
    expect(left.json()).toMatchObject({
      status: 'left',
      leftOn: dayFromToday(-1),
      reasonCode: 'caring-responsibilities',
      sustainmentTasks: [{ status: 'cancelled' }, { status: 'cancelled' }],
    });
    expect((await leave(offerId, dayFromToday(-1), 'caring-responsibilities')).statusCode).toBe(
      200,
    );
    expect((await leave(offerId, dayFromToday(-2))).json()).toMatchObject({
      code: 'already-left',
    });
    const events = await eventsOf('LeftPost', participantId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.data).toMatchObject({
      offerId,
      leftOn: dayFromToday(-1),
      reasonCode: 'caring-responsibilities',
    });
    expect((await leave(offerId, dayFromToday(-1), 'made-up')).statusCode).toBe(400);
  });

  it('when the person has not started, then leaving is refused', async () => {
    const { offerId } = await unconditionalOffer(t);
    await agree(offerId, dayFromToday(5));
    expect((await leave(offerId, dayFromToday(0))).json()).toMatchObject({
      code: 'employment-agreed',
    });
  });
});

describe('access', () => {
  it('when another employer, operator or a job centre reaches for an employment, then it does not exist for them', async () => {
    const { offerId } = await unconditionalOffer(t);
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre, t.operator])
      expect((await agree(offerId, dayFromToday(0), caller)).statusCode).toBe(404);
    await agree(offerId, dayFromToday(0));
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre, t.operator]) {
      expect((await start(offerId, dayFromToday(0), caller)).statusCode).toBe(404);
      expect((await leave(offerId, dayFromToday(0), 'health', caller)).statusCode).toBe(404);
    }
    await start(offerId, dayFromToday(0));
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre]) {
      expect((await get(`/v1/employments/${offerId}`, caller)).statusCode).toBe(404);
      expect(
        (await get(`/v1/employments/${offerId}/sustainment-tasks/13`, caller)).statusCode,
      ).toBe(404);
      expect(
        (
          await post(
            `/v1/employments/${offerId}/sustainment-tasks/13/answer`,
            { answer: 'in-post' },
            caller,
          )
        ).statusCode,
      ).toBe(404);
      const list = await get('/v1/sustainment-tasks', caller);
      expect(
        list.json<{ items: { offerId: string }[] }>().items.map((i) => i.offerId),
      ).not.toContain(offerId);
    }
    // The programme's operator reads its participant's employment and tasks, and changes nothing.
    expect((await get(`/v1/employments/${offerId}`, t.operator)).json()).toMatchObject({
      status: 'in-post',
    });
    expect(
      (await get(`/v1/employments/${offerId}/sustainment-tasks/26`, t.operator)).json(),
    ).toMatchObject({ weeks: 26, status: 'pending' });
    expect(
      (
        await post(
          `/v1/employments/${offerId}/sustainment-tasks/13/answer`,
          { answer: 'in-post' },
          t.operator,
        )
      ).statusCode,
    ).toBe(404);
  });
});
