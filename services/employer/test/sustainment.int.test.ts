import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askDueSustainment } from '../src/use-cases/sustainment-tasks.js';
import { outboxEvents, startEmployerApp, type EmployerTestApp } from './support/employer-app.js';
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

interface Task {
  offerId: string;
  weeks: number;
  markAt: string;
  answerDueAt: string;
  status: string;
  overdue: boolean;
  earlyAnswer: string | null;
}

const { post, get, eventsOf } = employmentRequests(() => t);
const answer = (offerId: string, weeks: number, payload: object) =>
  post(`/v1/employments/${offerId}/sustainment-tasks/${weeks}/answer`, payload);
const task = async (offerId: string, weeks: number) =>
  (await get(`/v1/employments/${offerId}/sustainment-tasks/${weeks}`)).json<Task>();
/** An unconditional offer whose person started in post `startedDaysAgo` days ago. */
async function inPost(
  options: { settings?: Record<string, unknown>; startedDaysAgo?: number } = {},
) {
  const days = options.startedDaysAgo ?? 0;
  const offer = await unconditionalOffer(t, {
    madeDaysAgo: days + 1,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  await post(`/v1/offers/${offer.offerId}/start-date`, { startsOn: dayFromToday(-days) });
  const started = await post(`/v1/employments/${offer.offerId}/start`, {
    startedOn: dayFromToday(-days),
  });
  if (started.statusCode !== 201) throw new Error(`start: ${started.statusCode} ${started.body}`);
  return offer;
}

const after = (moment: string, ms = 1_000) => new Date(Date.parse(moment) + ms);

describe('the due job', () => {
  it('when a mark is reached, then SustainmentDue is published once with the answer due time, and the employer confirms', async () => {
    const { offerId, participantId } = await inPost();
    const thirteen = await task(offerId, 13);
    await askDueSustainment(t.deps, after(thirteen.markAt, -1_000));
    expect(await eventsOf('SustainmentDue', participantId)).toHaveLength(0);
    await askDueSustainment(t.deps, after(thirteen.markAt));
    await askDueSustainment(t.deps, after(thirteen.markAt, 5_000));
    const due = await eventsOf('SustainmentDue', participantId);
    expect(due.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({
        offerId,
        weeks: 13,
        answerDueAt: new Date(thirteen.answerDueAt).toISOString(),
      }),
    ]);
    expect(await task(offerId, 13)).toMatchObject({ status: 'due' });
    expect(await task(offerId, 26)).toMatchObject({ status: 'pending' });
    const confirmed = await answer(offerId, 13, { answer: 'in-post' });
    expect(confirmed.json()).toMatchObject({
      task: { status: 'confirmed' },
      employment: { status: 'in-post' },
    });
    expect((await answer(offerId, 13, { answer: 'in-post' })).statusCode).toBe(200);
    const events = await eventsOf('SustainmentConfirmed', participantId);
    expect(events.map((e) => e.payload.data.weeks)).toEqual([13]);
  });

  it('when an in-post answer arrives before the mark, then it is kept and published at the mark, once', async () => {
    const { offerId, participantId } = await inPost();
    const early = await answer(offerId, 26, { answer: 'in-post' });
    expect(early.json<{ task: Task }>().task).toMatchObject({
      status: 'pending',
      earlyAnswer: 'in-post',
    });
    expect(await eventsOf('SustainmentConfirmed', participantId)).toHaveLength(0);
    const twentySix = await task(offerId, 26);
    await askDueSustainment(t.deps, after(twentySix.markAt, -1_000));
    // The 13-week mark passed (asked, not answered); the 26-week answer waits for its mark.
    expect(
      (await eventsOf('SustainmentDue', participantId)).map((e) => e.payload.data.weeks),
    ).toEqual([13]);
    expect(await eventsOf('SustainmentConfirmed', participantId)).toHaveLength(0);
    await askDueSustainment(t.deps, after(twentySix.markAt));
    await askDueSustainment(t.deps, after(twentySix.markAt, 60_000));
    const due = (await outboxEvents(t.pool, 'SustainmentDue')).filter(
      (e) => e.message_key === participantId,
    );
    expect(due.map((e) => e.payload.data.weeks)).toEqual([13, 26]);
    const confirmed = await eventsOf('SustainmentConfirmed', participantId);
    expect(confirmed.map((e) => e.payload.data.weeks)).toEqual([26]);
    expect(await task(offerId, 26)).toMatchObject({ status: 'confirmed' });
    expect((await get(`/v1/employments/${offerId}`)).json()).toMatchObject({
      status: 'sustained',
    });
    // The job lasted: the programme's part is over, and leaving is not recorded here.
    const leaving = await post(`/v1/employments/${offerId}/leave`, {
      leftOn: dayFromToday(0),
      reasonCode: 'moved-away',
    });
    expect(leaving.json()).toMatchObject({ status: 409, code: 'employment-sustained' });
    // Published after the SustainmentDue it answers.
    const { rows } = await t.pool.query<{ type: string }>(
      `select payload->>'type' as type from ladder_outbox
       where message_key = $1 and payload->'data'->>'weeks' = '26' order by id`,
      [participantId],
    );
    expect(rows.map((r) => r.type)).toEqual(['SustainmentDue', 'SustainmentConfirmed']);
  });

  it('when the employer answers in post after the mark but before the job, then it is asked and confirmed at once', async () => {
    const { offerId, participantId } = await inPost({
      settings: { sustainmentMarkDays: { '13': 1, '26': 200 } },
      startedDaysAgo: 2,
    });
    const answered = await answer(offerId, 13, { answer: 'in-post' });
    expect(answered.json()).toMatchObject({ task: { status: 'confirmed', earlyAnswer: null } });
    expect(await eventsOf('SustainmentDue', participantId)).toHaveLength(1);
    expect(await eventsOf('SustainmentConfirmed', participantId)).toHaveLength(1);
  });

  it('when an answer never arrives, then the task stays listed as overdue after its due time', async () => {
    const { offerId } = await inPost({
      settings: { sustainmentMarkDays: { '13': 1, '26': 2 }, sustainmentResponseDays: 1 },
      startedDaysAgo: 10,
    });
    await askDueSustainment(t.deps);
    const list = await get('/v1/sustainment-tasks?status=due&limit=200');
    const mine = list.json<{ items: Task[] }>().items.filter((i) => i.offerId === offerId);
    expect(mine.map((i) => [i.weeks, i.status, i.overdue])).toEqual([
      [13, 'due', true],
      [26, 'due', true],
    ]);
  });

  it('when the person left at a task, then LeftPost is published and the other task is cancelled', async () => {
    const { offerId, participantId } = await inPost({ startedDaysAgo: 3 });
    await askDueSustainment(t.deps, after((await task(offerId, 13)).markAt));
    await answer(offerId, 26, { answer: 'in-post' });
    const left = await answer(offerId, 13, {
      answer: 'left',
      leftOn: dayFromToday(-1),
      reasonCode: 'found-other-work',
    });
    expect(left.json()).toMatchObject({
      task: { status: 'left' },
      employment: { status: 'left', leftOn: dayFromToday(-1), reasonCode: 'found-other-work' },
    });
    expect(await task(offerId, 26)).toMatchObject({ status: 'cancelled' });
    expect((await answer(offerId, 26, { answer: 'in-post' })).json()).toMatchObject({
      code: 'sustainment-task-closed',
    });
    await askDueSustainment(t.deps, after((await task(offerId, 26)).markAt));
    expect(await eventsOf('LeftPost', participantId)).toHaveLength(1);
    expect(await eventsOf('SustainmentConfirmed', participantId)).toHaveLength(0);
    expect(
      (await eventsOf('SustainmentDue', participantId)).map((e) => e.payload.data.weeks),
    ).toEqual([13]);
    const bad = await answer(offerId, 13, { answer: 'left', leftOn: dayFromToday(-1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('reasonCode');
  });

  it('when two instances run the job at once, then each task is asked once', async () => {
    const offers = await Promise.all(Array.from({ length: 6 }, () => inPost()));
    const latest = Math.max(
      ...(await Promise.all(
        offers.map(async (o) => Date.parse((await task(o.offerId, 26)).markAt)),
      )),
    );
    const now = new Date(latest + 1_000);
    await Promise.all([askDueSustainment(t.deps, now, 1), askDueSustainment(t.deps, now, 1)]);
    for (const { participantId } of offers) {
      const due = await eventsOf('SustainmentDue', participantId);
      expect(due.map((e) => e.payload.data.weeks).sort()).toEqual([13, 26]);
    }
  });
});

describe('the task list', () => {
  it('when the employer pages through its tasks by status, then each task is listed once in mark order', async () => {
    const offers = await Promise.all(Array.from({ length: 3 }, () => inPost()));
    const seen: Task[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: Task[]; nextCursor: string | null } = (
        await get(
          `/v1/sustainment-tasks?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.every((s) => s.status === 'pending')).toBe(true);
    for (const { offerId } of offers)
      expect(seen.filter((s) => s.offerId === offerId).map((s) => s.weeks)).toEqual([13, 26]);
    const marks = seen.map((s) => Date.parse(s.markAt));
    expect(marks).toEqual([...marks].sort((a, b) => a - b));
    expect(new Set(seen.map((s) => `${s.offerId}:${s.weeks}`)).size).toBe(seen.length);
    const operatorList = await get('/v1/sustainment-tasks?limit=200', t.operator);
    expect(operatorList.json<{ items: Task[] }>().items.map((i) => i.offerId)).toContain(
      offers[0]!.offerId,
    );
    const badCursor = await get('/v1/sustainment-tasks?cursor=nonsense');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('querystring.cursor');
    expect((await get('/v1/sustainment-tasks?status=late')).statusCode).toBe(400);
    expect(
      (await get(`/v1/employments/${offers[0]!.offerId}/sustainment-tasks/14`)).statusCode,
    ).toBe(400);
  });
});
