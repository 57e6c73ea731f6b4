import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantView, ParticipantViewQuery } from '@ladder/participant-view';
import {
  bearer,
  outboxEvents,
  proposedParticipant,
  startEmployerApp,
  vacancyAt,
  withKey,
  type Caller,
  type EmployerTestApp,
} from './support/employer-app.js';

/**
 * The holder of personal data, as the consented view answers: each participant's answer is set
 * by the test, and every question asked is kept to check the purpose and recipient.
 */
const views = new Map<string, ParticipantView>();
const asked: { participantId: string; query: ParticipantViewQuery }[] = [];
/** Participants whose view the holder fails to give (it is down). */
const failing = new Set<string>();
const adjustment = `hearing loop ${randomUUID().slice(0, 8)}`;

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp({
    participantViews: {
      view: (participantId, query) => {
        asked.push({ participantId, query });
        if (failing.has(participantId)) return Promise.reject(new Error('answered 503'));
        return Promise.resolve(views.get(participantId));
      },
    },
  });
});
afterAll(async () => {
  await t.close();
});

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

const schedule = (
  vacancyId: string,
  body: Record<string, unknown>,
  by: Caller = t.operator,
  key?: string,
) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/interviews`,
    headers: withKey(by, key),
    payload: { scheduledAt: inAWeek(), format: 'video', ...body },
  });

const record = (id: string, payload: object, by: Caller = t.employer) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/interviews/${id}/record`,
    headers: bearer(by),
    payload,
  });

const read = (id: string, by: Caller = t.employer) =>
  t.app.inject({ method: 'GET', url: `/v1/interviews/${id}`, headers: bearer(by) });

const released = (participantId: string): ParticipantView => ({
  participantId,
  released: true,
  person: {
    givenName: 'Amara',
    familyName: 'Okafor',
    contactPreference: 'email',
    reasonableAdjustments: [adjustment],
  },
});

describe('interviews', () => {
  it('when the operator schedules an interview in person, then the employer sees it with the consented adjustments and the event names ids only', async () => {
    const { vacancyId, siteId } = await vacancyAt(t);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    views.set(participantId, released(participantId));
    const scheduled = await schedule(vacancyId, {
      participantId,
      programmeId,
      format: 'in-person',
    });
    expect(scheduled.statusCode).toBe(201);
    const interview = scheduled.json<{ id: string; siteId: string; scheduledBy: string }>();
    expect(interview).toMatchObject({ siteId, scheduledBy: 'programme-operator' });
    // The operator holds the participant's data itself: it is not shown the employer's view.
    expect(scheduled.json()).not.toHaveProperty('participant');

    const asEmployer = await read(interview.id);
    expect(asEmployer.statusCode).toBe(200);
    expect(asEmployer.headers['cache-control']).toBe('no-store');
    expect(asEmployer.json()).toMatchObject({
      id: interview.id,
      participant: { participantId, released: true, reasonableAdjustments: [adjustment] },
    });
    expect(asEmployer.json()).not.toHaveProperty('participant.person');
    expect(asked.at(-1)).toEqual({
      participantId,
      query: {
        purpose: 'recruitment',
        recipient: 'employer',
        onBehalfOf: t.employer.organisationId,
      },
    });

    const events = (await outboxEvents(t.pool, 'InterviewScheduled')).filter(
      (e) => e.message_key === participantId,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.data).toEqual({
      interviewId: interview.id,
      participantId,
      programmeId,
      vacancyId,
      employerOrganisationId: t.employer.organisationId,
      occurredAt: expect.any(String),
      scheduledAt: expect.any(String),
      format: 'in-person',
      siteId,
    });
    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/interviews',
      headers: bearer(t.employer),
    });
    expect(listed.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(
      interview.id,
    );
  });

  it('when the participant’s consent does not cover recruitment by an employer, then the employer sees ids and the refusal only, and nothing of the view is stored or logged', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { programmeId, participantId } = await proposedParticipant(t);
    views.set(participantId, { participantId, released: false, reason: 'no-consent' });
    const scheduled = await schedule(vacancyId, { participantId, programmeId }, t.employer);
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json()).toMatchObject({
      scheduledBy: 'employer',
      format: 'video',
      siteId: null,
      participant: { participantId, released: false, reason: 'no-consent' },
    });
    expect(scheduled.json()).not.toHaveProperty('participant.reasonableAdjustments');

    // Consent given later: the next reading shows it, as the view is fetched each time.
    views.set(participantId, released(participantId));
    const again = await read(scheduled.json<{ id: string }>().id);
    expect(again.json()).toMatchObject({ participant: { released: true } });
    const { rows } = await t.pool.query<{ dump: string }>(
      `select string_agg(x.t, ' ') as dump from (
         select row_to_json(i)::text as t from interviews i
         union all select row_to_json(o)::text from ladder_outbox o
         union all select row_to_json(k)::text from idempotency_keys k) x`,
    );
    expect(rows[0]!.dump).toContain(participantId);
    expect(rows[0]!.dump).not.toContain(adjustment);
    expect(t.logs.join('')).not.toContain(adjustment);
  });

  it('when the holder of the data does not know the participant or does not answer, then the interview is still given, with ids and why', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { programmeId, participantId } = await proposedParticipant(t);
    const scheduled = await schedule(vacancyId, { participantId, programmeId }, t.employer);
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json()).toMatchObject({
      participant: { participantId, released: false, reason: 'unknown-participant' },
    });
    failing.add(participantId);
    const down = await read(scheduled.json<{ id: string }>().id);
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({
      participant: { participantId, released: false, reason: 'unavailable' },
    });
  });

  it('when the employer records attendance and a result, then each is published; a decided interview stands', async () => {
    const { vacancyId } = await vacancyAt(t);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const id = (await schedule(vacancyId, { participantId, programmeId })).json<{ id: string }>()
      .id;
    expect((await record(id, { attendance: 'missed', result: 'successful' })).statusCode).toBe(400);
    expect((await record(id, { attendance: 'attended' })).statusCode).toBe(400);
    expect(
      (await record(id, { attendance: 'attended', result: 'successful' }, t.operator)).statusCode,
    ).toBe(404);
    const undecided = await record(id, { attendance: 'attended', result: 'no-decision' });
    expect(undecided.json()).toMatchObject({ attendance: 'attended', result: 'no-decision' });
    const decided = await record(id, { attendance: 'attended', result: 'successful' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ result: 'successful' });
    const again = await record(id, { attendance: 'attended', result: 'unsuccessful' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'interview-recorded' });
    const events = (await outboxEvents(t.pool, 'InterviewRecorded')).filter(
      (e) => e.payload.data.interviewId === id,
    );
    expect(events.map((e) => e.payload.data.result)).toEqual(['no-decision', 'successful']);

    const missedId = (await schedule(vacancyId, { participantId, programmeId })).json<{
      id: string;
    }>().id;
    expect((await record(missedId, { attendance: 'missed' })).json()).toMatchObject({
      attendance: 'missed',
      result: null,
    });
    expect((await record(missedId, { attendance: 'missed' })).statusCode).toBe(409);
  });

  it('when the same scheduling is retried with its Idempotency-Key, then one interview is made and published', async () => {
    const { vacancyId } = await vacancyAt(t);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const key = randomUUID();
    const body = { participantId, programmeId, scheduledAt: inAWeek() };
    const first = await schedule(vacancyId, body, t.operator, key);
    const again = await schedule(vacancyId, body, t.operator, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const events = (await outboxEvents(t.pool, 'InterviewScheduled')).filter(
      (e) => e.message_key === participantId,
    );
    expect(events).toHaveLength(1);
    const noKey = await t.app.inject({
      method: 'POST',
      url: `/v1/vacancies/${vacancyId}/interviews`,
      headers: bearer(t.operator),
      payload: { ...body, format: 'video' },
    });
    expect(noKey.statusCode).toBe(400);
  });

  it('when a scheduling is not sound, then it is refused naming the field or the rule', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { siteId: otherSite } = await vacancyAt(t, t.otherEmployer);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const ask = { participantId, programmeId };
    const videoAtSite = await schedule(vacancyId, { ...ask, siteId: otherSite });
    expect(videoAtSite.statusCode).toBe(400);
    expect(JSON.stringify(videoAtSite.json())).toContain('siteId');
    const past = await schedule(vacancyId, { ...ask, scheduledAt: '2020-01-01T09:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ errors: [{ field: 'body.scheduledAt' }] });
    const elsewhere = await schedule(vacancyId, {
      ...ask,
      format: 'in-person',
      siteId: otherSite,
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toMatchObject({ code: 'unknown-site' });
    const notIn = await schedule(vacancyId, { ...ask, participantId: randomUUID() });
    expect(notIn.json()).toMatchObject({ code: 'participant-not-in-programme' });
    // The employer may not reach a participant nobody proposed to it.
    const unproposed = await schedule(vacancyId, ask, t.employer);
    expect(unproposed.statusCode).toBe(403);
    expect(unproposed.json()).toMatchObject({ code: 'participant-not-proposed' });
    expect((await schedule(randomUUID(), ask)).statusCode).toBe(404);
  });
});

describe('interviews: access', () => {
  it('when another employer, operator or a job centre reaches for an interview, then it does not exist for them', async () => {
    const { vacancyId } = await vacancyAt(t);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const id = (await schedule(vacancyId, { participantId, programmeId })).json<{ id: string }>()
      .id;
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre]) {
      expect((await read(id, caller)).statusCode).toBe(404);
      expect(
        (await record(id, { attendance: 'attended', result: 'successful' }, caller)).statusCode,
      ).toBe(404);
      const list = await t.app.inject({
        method: 'GET',
        url: '/v1/interviews',
        headers: bearer(caller),
      });
      expect(list.json<{ items: unknown[] }>().items).toHaveLength(0);
    }
    // Another employer may not interview for this vacancy; another operator not for this programme.
    expect(
      (await schedule(vacancyId, { participantId, programmeId }, t.otherEmployer)).statusCode,
    ).toBe(404);
    const byOther = await schedule(vacancyId, { participantId, programmeId }, t.otherOperator);
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json()).toMatchObject({ code: 'not-programme-operator' });
    expect(
      (await schedule(vacancyId, { participantId, programmeId }, t.jobCentre)).statusCode,
    ).toBe(404);
    expect((await read(id, t.operator)).statusCode).toBe(200);
  });
});
