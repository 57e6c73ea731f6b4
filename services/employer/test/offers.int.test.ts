import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, programmeRulesPublishedV1 } from '@ladder/events';
import { handleEvent } from '@ladder/kafka';
import { guidanceDeadlines, preEmploymentChecks } from '@ladder/vocabulary';
import { createPool, withTransaction } from '@ladder/db';
import { waitForLockWait } from '@ladder/testing';
import { referralHandlers } from '../src/events/referral-handlers.js';
import { expireOffers } from '../src/use-cases/expire-offers.js';
import {
  bearer,
  outboxEvents,
  proposedParticipant,
  startEmployerApp,
  vacancyAt,
  withKey,
  type EmployerTestApp,
} from './support/employer-app.js';
import { actOnOffer, madeOffer, makeOffer, type OfferRow } from './support/offers.js';
import { dayFromToday } from './support/unconditional-offer.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

const dayMs = 86_400_000;
const decline = { reasonCode: 'declined-by-participant' };
const read = (id: string, by = t.employer) =>
  t.app.inject({ method: 'GET', url: `/v1/offers/${id}`, headers: bearer(by) });
const checksOf = (id: string, by = t.employer) =>
  t.app.inject({ method: 'GET', url: `/v1/offers/${id}/checks`, headers: bearer(by) });
const eventsOf = async (type: string, offerId: string) =>
  (await outboxEvents(t.pool, type)).filter((e) => e.payload.data.offerId === offerId);
const eventsOfVacancy = async (type: string, vacancyId: string) =>
  (await outboxEvents(t.pool, type)).filter((e) => e.payload.data.vacancyId === vacancyId);

describe('offers', () => {
  it('when the employer makes an offer, then it has the vacancy’s role, band, site and hours and must be answered within the programme’s offer-response days', async () => {
    const { vacancyId, siteId } = await vacancyAt(t);
    const { programmeId, participantId } = await proposedParticipant(t, { offerResponseDays: 3 });
    const before = Date.now();
    const made = await makeOffer(t, vacancyId, { participantId, programmeId, hoursPerWeek: 22.5 });
    expect(made.statusCode).toBe(201);
    const offer = made.json<OfferRow & Record<string, unknown>>();
    expect(offer).toMatchObject({
      vacancyId,
      participantId,
      programmeId,
      operatorOrganisationId: t.operator.organisationId,
      role: 'healthcare-support-worker',
      band: 'band-2',
      siteId,
      hoursPerWeek: 22.5,
      interviewId: null,
      status: 'made',
    });
    const respondBy = Date.parse(offer.respondBy);
    expect(respondBy).toBeGreaterThanOrEqual(before + 3 * dayMs);
    expect(respondBy).toBeLessThanOrEqual(Date.now() + 3 * dayMs);
    expect(made.headers.location).toBe(`/v1/offers/${offer.id}`);
    const events = await eventsOf('OfferMade', offer.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.message_key).toBe(participantId);
    expect(events[0]!.payload.data).toMatchObject({
      role: 'healthcare-support-worker',
      band: 'band-2',
      siteId,
      hoursPerWeek: 22.5,
      interviewId: null,
      respondBy: offer.respondBy,
    });
    expect((await read(offer.id, t.operator)).json()).toMatchObject({ id: offer.id });
    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/offers',
      headers: bearer(t.operator),
    });
    expect(listed.json<{ items: { id: string }[] }>().items.map((o) => o.id)).toContain(offer.id);
  });

  it('when the programme’s copy has no deadlines yet, then the guidance offer-response days apply; once ProgrammeRulesPublished gives them, the programme’s', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { programmeId, participantId } = await proposedParticipant(t);
    const guided = (await makeOffer(t, vacancyId, { participantId, programmeId })).json<OfferRow>();
    const days = (Date.parse(guided.respondBy) - Date.now()) / dayMs;
    expect(Math.round(days)).toBe(guidanceDeadlines.offerResponseDays);

    // The same version published again (as the referral service does) fills the deadlines.
    const event = createEnvelope(
      programmeRulesPublishedV1,
      {
        programmeId,
        version: 1,
        operatorOrganisationId: t.operator.organisationId,
        rules: {
          ageRange: { min: 16, max: 64 },
          eligibleGroups: [],
          areas: [],
          deadlines: { ...guidanceDeadlines, offerResponseDays: 5 },
          training: {},
          employment: { checkDueDays: 14 },
        },
      },
      { source: 'referral-service', subject: programmeId, correlationId: randomUUID() },
    );
    await withTransaction(t.pool, (tx) =>
      handleEvent(referralHandlers(), event, { tx, logger: t.deps.logger }),
    );
    const { vacancyId: next } = await vacancyAt(t);
    const ruled = (await makeOffer(t, next, { participantId, programmeId })).json<OfferRow>();
    expect(Math.round((Date.parse(ruled.respondBy) - Date.now()) / dayMs)).toBe(5);
  });

  it('when the operator records an acceptance, then six checks start, the employer’s to do and due after the programme’s check days', async () => {
    const { offer, participantId } = await madeOffer(t, undefined, { checkDueDays: 14 });
    expect((await checksOf(offer.id)).json()).toMatchObject({ offerStatus: 'made', items: [] });
    const accepted = await actOnOffer(t, offer.id, 'accept', t.operator);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const dueOn = new Date(Date.now() + 14 * dayMs).toISOString().slice(0, 10);
    const checks = await checksOf(offer.id);
    const items = checks.json<{ items: Record<string, unknown>[] }>().items;
    expect(items.map((c) => c.check)).toEqual([...preEmploymentChecks]);
    for (const item of items)
      expect(item).toMatchObject({
        status: 'not-started',
        owner: 'employer',
        thirdParty: null,
        dueOn,
        evidenceSeenOn: [],
        overdue: false,
      });
    const events = await eventsOf('OfferAccepted', offer.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.data).toMatchObject({
      participantId,
      recordedBy: 'programme-operator',
    });
    // The checks' start is the acceptance itself: no EmploymentCheckUpdated yet.
    expect(await eventsOf('EmploymentCheckUpdated', offer.id)).toHaveLength(0);
    expect((await actOnOffer(t, offer.id, 'accept')).statusCode).toBe(409);
    const declineLate = await actOnOffer(t, offer.id, 'decline', t.employer, decline);
    expect(declineLate.json()).toMatchObject({
      code: 'offer-not-open',
      offerStatus: 'accepted',
    });
  });

  it('when the employer records a decline, then the offer ends with the reason and who recorded it', async () => {
    const { offer } = await madeOffer(t);
    expect((await actOnOffer(t, offer.id, 'decline')).statusCode).toBe(400);
    const declined = await actOnOffer(t, offer.id, 'decline', t.employer, decline);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      reasonCode: 'declined-by-participant',
    });
    const events = await eventsOf('OfferDeclined', offer.id);
    expect(events.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ recordedBy: 'employer', reasonCode: 'declined-by-participant' }),
    ]);
    expect((await actOnOffer(t, offer.id, 'accept', t.operator)).statusCode).toBe(409);
  });

  it('when the employer withdraws an offer, then it ends with the reason; the operator may not withdraw it', async () => {
    const { offer } = await madeOffer(t);
    expect(
      (await actOnOffer(t, offer.id, 'withdraw', t.operator, { reasonCode: 'other' })).statusCode,
    ).toBe(404);
    expect(
      (await actOnOffer(t, offer.id, 'withdraw', t.employer, { reasonCode: 'check-failed' }))
        .statusCode,
    ).toBe(400);
    const withdrawn = await actOnOffer(t, offer.id, 'withdraw', t.employer, {
      reasonCode: 'role-withdrawn',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', reasonCode: 'role-withdrawn' });
    expect((await eventsOf('OfferWithdrawn', offer.id)).map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ reasonCode: 'role-withdrawn', check: null }),
    ]);
    expect(
      (await actOnOffer(t, offer.id, 'withdraw', t.employer, { reasonCode: 'other' })).statusCode,
    ).toBe(409);
  });

  it('when an offer follows an interview, then the interview must be this participant’s, for this vacancy, and successful', async () => {
    const { vacancyId } = await vacancyAt(t);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const interview = await t.app.inject({
      method: 'POST',
      url: `/v1/vacancies/${vacancyId}/interviews`,
      headers: withKey(t.operator),
      payload: {
        participantId,
        programmeId,
        scheduledAt: new Date(Date.now() + dayMs).toISOString(),
        format: 'video',
      },
    });
    const interviewId = interview.json<{ id: string }>().id;
    const ask = { participantId, programmeId, interviewId };
    const early = await makeOffer(t, vacancyId, ask);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'interview-not-successful' });
    await t.app.inject({
      method: 'POST',
      url: `/v1/interviews/${interviewId}/record`,
      headers: bearer(t.employer),
      payload: { attendance: 'attended', result: 'successful' },
    });
    const { vacancyId: otherVacancy } = await vacancyAt(t);
    const wrong = await makeOffer(t, otherVacancy, ask);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ errors: [{ field: 'body.interviewId' }] });
    const made = await makeOffer(t, vacancyId, ask);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ interviewId });
    const twice = await makeOffer(t, vacancyId, ask);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'offer-exists' });
  });

  it('when an offer is not sound, then it is refused naming the rule', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { siteId: otherSite } = await vacancyAt(t, t.otherEmployer);
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const unproposed = await makeOffer(t, vacancyId, { participantId, programmeId });
    expect(unproposed.statusCode).toBe(403);
    expect(unproposed.json()).toMatchObject({ code: 'participant-not-proposed' });
    const proposed = await proposedParticipant(t);
    const elsewhere = await makeOffer(t, vacancyId, { ...proposed, siteId: otherSite });
    expect(elsewhere.json()).toMatchObject({ code: 'unknown-site' });
    const badBand = await makeOffer(t, vacancyId, { ...proposed, band: 'band-9' });
    expect(badBand.statusCode).toBe(400);
    const byOperator = await makeOffer(t, vacancyId, proposed, t.operator);
    expect(byOperator.statusCode).toBe(404);
  });

  it('when the same offer is retried with its Idempotency-Key, then one offer is made and published', async () => {
    const { vacancyId } = await vacancyAt(t);
    const proposed = await proposedParticipant(t);
    const key = randomUUID();
    const first = await makeOffer(t, vacancyId, proposed, t.employer, key);
    const again = await makeOffer(t, vacancyId, proposed, t.employer, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    const id = first.json<{ id: string }>().id;
    expect(again.json<{ id: string }>().id).toBe(id);
    expect(await eventsOf('OfferMade', id)).toHaveLength(1);
  });
});

describe('offers: expiry', () => {
  it('when an offer is unanswered past its deadline, then the job expires it once, whichever of two instances runs, in batches', async () => {
    const offers = await Promise.all([madeOffer(t), madeOffer(t), madeOffer(t)]);
    const answered = await madeOffer(t);
    await actOnOffer(t, answered.offer.id, 'accept', t.operator);
    const afterDeadline = new Date(Date.now() + (guidanceDeadlines.offerResponseDays + 1) * dayMs);
    const later = { ...t.deps, now: () => afterDeadline };
    const [a, b] = await Promise.all([expireOffers(later, 1), expireOffers(later, 1)]);
    const { rows } = await t.pool.query<{ n: number }>(
      `select count(*)::int as n from offers where status = 'expired'`,
    );
    expect(a + b).toBe(rows[0]!.n);
    for (const { offer } of offers) {
      expect((await read(offer.id)).json()).toMatchObject({
        status: 'expired',
        reasonCode: 'expired',
      });
      const events = await eventsOf('OfferExpired', offer.id);
      expect(events).toHaveLength(1);
      expect(events[0]!.payload.data).toMatchObject({ respondBy: offer.respondBy });
      expect((await actOnOffer(t, offer.id, 'accept', t.operator)).statusCode).toBe(409);
    }
    expect((await read(answered.offer.id)).json()).toMatchObject({ status: 'accepted' });
    expect(await expireOffers(later)).toBe(0);
  });

  it('when the deadline has not passed, then the job leaves the offer to be answered', async () => {
    const { offer } = await madeOffer(t);
    const beforeDeadline = new Date(Date.parse(offer.respondBy) - 60_000);
    await expireOffers({ ...t.deps, now: () => beforeDeadline });
    expect((await read(offer.id)).json()).toMatchObject({ status: 'made' });
    expect(await eventsOf('OfferExpired', offer.id)).toHaveLength(0);
  });
});

describe('offers: the vacancy’s closing day and posts', () => {
  const offerTo = async (vacancyId: string) =>
    makeOffer(t, vacancyId, await proposedParticipant(t));

  it('when the vacancy’s closing day has passed, then no offer is made (409 vacancy-closed); on the closing day one is', async () => {
    const { vacancyId: closed } = await vacancyAt(t, t.employer, { closesOn: dayFromToday(-1) });
    const refused = await offerTo(closed);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'vacancy-closed',
      closesOn: dayFromToday(-1),
    });
    const { rows } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from offers where vacancy_id = $1',
      [closed],
    );
    expect(rows[0]!.n).toBe(0);
    const { vacancyId: lastDay } = await vacancyAt(t, t.employer, { closesOn: dayFromToday(0) });
    expect((await offerTo(lastDay)).statusCode).toBe(201);
  });

  it('when every post is held by a made, accepted or unconditional offer, then another is refused (409 vacancy-filled)', async () => {
    const { vacancyId } = await vacancyAt(t, t.employer, { posts: 3 });
    const [made, accepted, unconditional] = await Promise.all([
      offerTo(vacancyId),
      offerTo(vacancyId),
      offerTo(vacancyId),
    ]);
    await actOnOffer(t, accepted.json<OfferRow>().id, 'accept', t.operator);
    await t.pool.query(`update offers set status = 'unconditional' where id = $1`, [
      unconditional.json<OfferRow>().id,
    ]);
    expect([made, accepted, unconditional].map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const refused = await offerTo(vacancyId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'vacancy-filled', posts: 3, postsHeld: 3 });
    expect(await eventsOfVacancy('OfferMade', vacancyId)).toHaveLength(3);
  });

  it('when an offer is declined, withdrawn (or its check failed) or expires, then its post is free for another offer', async () => {
    const { vacancyId } = await vacancyAt(t, t.employer, { posts: 1 });
    const first = (await offerTo(vacancyId)).json<OfferRow>();
    expect((await offerTo(vacancyId)).json()).toMatchObject({ code: 'vacancy-filled' });
    await actOnOffer(t, first.id, 'decline', t.operator, decline);
    const second = await offerTo(vacancyId);
    expect(second.statusCode).toBe(201);
    await actOnOffer(t, second.json<OfferRow>().id, 'withdraw', t.employer, {
      reasonCode: 'role-withdrawn',
    });
    const third = (await offerTo(vacancyId)).json<OfferRow>();
    await actOnOffer(t, third.id, 'accept', t.operator);
    await t.app.inject({
      method: 'PUT',
      url: `/v1/offers/${third.id}/checks/right-to-work`,
      headers: bearer(t.employer),
      payload: { status: 'failed' },
    });
    expect((await read(third.id)).json()).toMatchObject({ status: 'withdrawn' });
    const fourth = (await offerTo(vacancyId)).json<OfferRow>();
    const afterDeadline = new Date(Date.parse(fourth.respondBy) + 60_000);
    await expireOffers({ ...t.deps, now: () => afterDeadline });
    expect((await read(fourth.id)).json()).toMatchObject({ status: 'expired' });
    expect((await offerTo(vacancyId)).statusCode).toBe(201);
  });

  it('when eight offers for the last post arrive at once, then exactly one is made', async () => {
    const { vacancyId } = await vacancyAt(t, t.employer, { posts: 2 });
    expect((await offerTo(vacancyId)).statusCode).toBe(201);
    const asks = [];
    for (let i = 0; i < 8; i += 1) asks.push(await proposedParticipant(t));
    // The test holds the vacancy's row: all eight wait for it, then go at once.
    const holding = createPool(t.db.url, { max: 1 });
    const holder = await holding.connect();
    await holder.query('begin');
    await holder.query('select 1 from vacancies where id = $1 for update', [vacancyId]);
    const answering = Promise.all(asks.map((ask) => makeOffer(t, vacancyId, ask)));
    try {
      await waitForLockWait(t.pool, { waiting: 8, querying: 'from vacancies', timeoutMs: 20_000 });
    } finally {
      await holder.query('commit');
      holder.release();
      await holding.end();
    }
    const answers = await answering;
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.statusCode === 409);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'vacancy-filled' });
    const { rows } = await t.pool.query<{ n: number }>(
      `select count(*)::int as n from offers where vacancy_id = $1 and status = 'made'`,
      [vacancyId],
    );
    expect(rows[0]!.n).toBe(2);
    expect(await eventsOfVacancy('OfferMade', vacancyId)).toHaveLength(2);
  });
});

describe('offers: access', () => {
  it('when another employer, operator or a job centre reaches for an offer or its checks, then it does not exist for them', async () => {
    const { offer, vacancyId, programmeId, participantId } = await madeOffer(t);
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre]) {
      expect((await read(offer.id, caller)).statusCode).toBe(404);
      expect((await checksOf(offer.id, caller)).statusCode).toBe(404);
      expect((await actOnOffer(t, offer.id, 'accept', caller)).statusCode).toBe(404);
      expect((await actOnOffer(t, offer.id, 'decline', caller, decline)).statusCode).toBe(404);
      expect(
        (await actOnOffer(t, offer.id, 'withdraw', caller, { reasonCode: 'other' })).statusCode,
      ).toBe(404);
      const put = await t.app.inject({
        method: 'PUT',
        url: `/v1/offers/${offer.id}/checks/identity`,
        headers: bearer(caller),
        payload: { status: 'in-progress' },
      });
      expect(put.statusCode).toBe(404);
      const list = await t.app.inject({
        method: 'GET',
        url: '/v1/offers',
        headers: bearer(caller),
      });
      expect(list.json<{ items: unknown[] }>().items).toHaveLength(0);
      const offered = await makeOffer(t, vacancyId, { participantId, programmeId }, caller);
      expect(offered.statusCode).toBe(404);
    }
    expect((await read(offer.id, t.operator)).statusCode).toBe(200);
  });
});
