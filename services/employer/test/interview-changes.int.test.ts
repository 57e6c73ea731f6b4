import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  outboxEvents,
  proposedParticipant,
  siteWithSlot,
  startEmployerApp,
  vacancyAt,
  withKey,
  type Caller,
  type EmployerTestApp,
} from './support/employer-app.js';
import { makeOffer } from './support/offers.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

const dayMs = 86_400_000;
const daysAhead = (days: number) => new Date(Date.now() + days * dayMs).toISOString();

interface InterviewRow {
  id: string;
  scheduledAt: string;
  format: string;
  siteId: string | null;
  rescheduledAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** An interview for a new vacancy of the employer, scheduled by `by` (the operator by default). */
async function scheduled(by: Caller = t.operator) {
  const { vacancyId, siteId } = await vacancyAt(t);
  const ask =
    by === t.operator
      ? await (async () => {
          const programmeId = await t.programme();
          return { programmeId, participantId: await t.participant(programmeId) };
        })()
      : await proposedParticipant(t);
  const made = await t.app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/interviews`,
    headers: withKey(by),
    payload: { ...ask, scheduledAt: daysAhead(7), format: 'video' },
  });
  if (made.statusCode !== 201) throw new Error(`schedule: ${made.statusCode} ${made.body}`);
  return { ...ask, vacancyId, siteId, interview: made.json<InterviewRow>() };
}

const act = (id: string, action: 'reschedule' | 'cancel', payload: object, by: Caller) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/interviews/${id}/${action}`,
    headers: bearer(by),
    payload,
  });
const eventsOf = async (type: string, interviewId: string) =>
  (await outboxEvents(t.pool, type)).filter((e) => e.payload.data.interviewId === interviewId);

describe('interviews moved and cancelled', () => {
  it('when the operator who scheduled an interview moves it, then it has the new time and place and InterviewRescheduled says what it was; the same move again publishes nothing', async () => {
    const { interview, participantId, siteId } = await scheduled();
    const { siteId: otherSite } = await siteWithSlot(t, 1);
    const newTime = daysAhead(9);
    const moved = await act(
      interview.id,
      'reschedule',
      { scheduledAt: newTime, format: 'in-person', siteId: otherSite },
      t.operator,
    );
    expect(moved.statusCode).toBe(200);
    const row = moved.json<InterviewRow>();
    expect(row).toMatchObject({
      scheduledAt: newTime,
      format: 'in-person',
      siteId: otherSite,
      cancelledAt: null,
    });
    expect(row.rescheduledAt).not.toBeNull();
    const events = await eventsOf('InterviewRescheduled', interview.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.message_key).toBe(participantId);
    expect(events[0]!.payload.data).toMatchObject({
      scheduledAt: newTime,
      format: 'in-person',
      siteId: otherSite,
      previousScheduledAt: interview.scheduledAt,
      rescheduledBy: 'programme-operator',
    });
    const again = await act(
      interview.id,
      'reschedule',
      { scheduledAt: newTime, format: 'in-person', siteId: otherSite },
      t.operator,
    );
    expect(again.statusCode).toBe(200);
    expect(await eventsOf('InterviewRescheduled', interview.id)).toHaveLength(1);
    // In person with no site given: the vacancy's.
    const atVacancy = await act(
      interview.id,
      'reschedule',
      { scheduledAt: newTime, format: 'in-person' },
      t.operator,
    );
    expect(atVacancy.json()).toMatchObject({ siteId });
    expect(await eventsOf('InterviewRescheduled', interview.id)).toHaveLength(2);
  });

  it('when the employer who scheduled an interview cancels it with a reason, then it is cancelled once and can no longer be moved, recorded or offered on', async () => {
    const { interview, participantId, programmeId, vacancyId } = await scheduled(t.employer);
    const cancelled = await act(
      interview.id,
      'cancel',
      { reasonCode: 'interviewer-unavailable' },
      t.employer,
    );
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ cancelReason: 'interviewer-unavailable' });
    expect(cancelled.json<InterviewRow>().cancelledAt).not.toBeNull();
    const events = await eventsOf('InterviewCancelled', interview.id);
    expect(events.map((e) => e.payload.data)).toEqual([
      {
        interviewId: interview.id,
        participantId,
        programmeId,
        vacancyId,
        employerOrganisationId: t.employer.organisationId,
        occurredAt: expect.any(String) as string,
        reasonCode: 'interviewer-unavailable',
        cancelledBy: 'employer',
      },
    ]);
    const same = await act(
      interview.id,
      'cancel',
      { reasonCode: 'interviewer-unavailable' },
      t.employer,
    );
    expect(same.statusCode).toBe(200);
    expect(await eventsOf('InterviewCancelled', interview.id)).toHaveLength(1);
    const otherReason = await act(interview.id, 'cancel', { reasonCode: 'other' }, t.employer);
    expect(otherReason.statusCode).toBe(409);
    expect(otherReason.json()).toMatchObject({ code: 'interview-cancelled' });
    const move = await act(
      interview.id,
      'reschedule',
      { scheduledAt: daysAhead(10), format: 'video' },
      t.employer,
    );
    expect(move.json()).toMatchObject({ code: 'interview-cancelled' });
    const record = await t.app.inject({
      method: 'POST',
      url: `/v1/interviews/${interview.id}/record`,
      headers: bearer(t.employer),
      payload: { attendance: 'attended', result: 'successful' },
    });
    expect(record.statusCode).toBe(409);
    expect(record.json()).toMatchObject({ code: 'interview-cancelled' });
    const offer = await makeOffer(t, vacancyId, {
      participantId,
      programmeId,
      interviewId: interview.id,
    });
    expect(offer.json()).toMatchObject({ code: 'interview-not-successful' });
  });

  it('when the other party, who did not schedule it, moves or cancels an interview, then it is refused (403)', async () => {
    const byOperator = await scheduled();
    const byEmployer = await scheduled(t.employer);
    for (const [{ interview }, caller] of [
      [byOperator, t.employer],
      [byEmployer, t.operator],
    ] as const) {
      const move = await act(
        interview.id,
        'reschedule',
        { scheduledAt: daysAhead(8), format: 'video' },
        caller,
      );
      expect(move.statusCode).toBe(403);
      expect(move.json()).toMatchObject({ code: 'not-interview-scheduler' });
      const cancel = await act(interview.id, 'cancel', { reasonCode: 'other' }, caller);
      expect(cancel.statusCode).toBe(403);
    }
    expect(await eventsOf('InterviewRescheduled', byOperator.interview.id)).toHaveLength(0);
    expect(await eventsOf('InterviewCancelled', byEmployer.interview.id)).toHaveLength(0);
  });

  it('when an interview’s outcome is recorded, then it can no longer be moved or cancelled', async () => {
    const { interview } = await scheduled();
    await t.app.inject({
      method: 'POST',
      url: `/v1/interviews/${interview.id}/record`,
      headers: bearer(t.employer),
      payload: { attendance: 'missed' },
    });
    const move = await act(
      interview.id,
      'reschedule',
      { scheduledAt: daysAhead(8), format: 'video' },
      t.operator,
    );
    expect(move.statusCode).toBe(409);
    expect(move.json()).toMatchObject({ code: 'interview-recorded' });
    const cancel = await act(interview.id, 'cancel', { reasonCode: 'other' }, t.operator);
    expect(cancel.json()).toMatchObject({ code: 'interview-recorded' });
  });

  it('when a move or cancellation is not sound, then it is refused naming the field or the rule', async () => {
    const { interview } = await scheduled();
    const { siteId: otherEmployersSite } = await vacancyAt(t, t.otherEmployer);
    const past = await act(
      interview.id,
      'reschedule',
      { scheduledAt: '2020-01-01T09:00:00Z', format: 'video' },
      t.operator,
    );
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ errors: [{ field: 'body.scheduledAt' }] });
    const videoAtSite = await act(
      interview.id,
      'reschedule',
      { scheduledAt: daysAhead(8), format: 'video', siteId: otherEmployersSite },
      t.operator,
    );
    expect(videoAtSite.statusCode).toBe(400);
    expect(JSON.stringify(videoAtSite.json())).toContain('siteId');
    const elsewhere = await act(
      interview.id,
      'reschedule',
      { scheduledAt: daysAhead(8), format: 'in-person', siteId: otherEmployersSite },
      t.operator,
    );
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toMatchObject({ code: 'unknown-site' });
    const noTime = await act(interview.id, 'reschedule', { format: 'video' }, t.operator);
    expect(noTime.statusCode).toBe(400);
    expect(JSON.stringify(noTime.json())).toContain('scheduledAt');
    const made = await act(interview.id, 'cancel', { reasonCode: 'made-up' }, t.operator);
    expect(made.statusCode).toBe(400);
    expect(JSON.stringify(made.json())).toContain('reasonCode');
    expect(await eventsOf('InterviewRescheduled', interview.id)).toHaveLength(0);
    expect(await eventsOf('InterviewCancelled', interview.id)).toHaveLength(0);
  });
});

describe('interviews moved and cancelled: access', () => {
  it('when another employer, operator or a job centre moves or cancels an interview, then it does not exist for them', async () => {
    const { interview } = await scheduled();
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre]) {
      const move = await act(
        interview.id,
        'reschedule',
        { scheduledAt: daysAhead(8), format: 'video' },
        caller,
      );
      expect(move.statusCode).toBe(404);
      expect((await act(interview.id, 'cancel', { reasonCode: 'other' }, caller)).statusCode).toBe(
        404,
      );
    }
    expect(
      (await act(randomUUID(), 'cancel', { reasonCode: 'other' }, t.operator)).statusCode,
    ).toBe(404);
    expect(await eventsOf('InterviewRescheduled', interview.id)).toHaveLength(0);
    expect(await eventsOf('InterviewCancelled', interview.id)).toHaveLength(0);
  });
});
