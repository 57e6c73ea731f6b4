import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preEmploymentChecks } from '@ladder/vocabulary';
import {
  bearer,
  outboxEvents,
  startEmployerApp,
  type Caller,
  type EmployerTestApp,
} from './support/employer-app.js';
import { acceptedOffer, madeOffer } from './support/offers.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

interface Checks {
  offerStatus: string;
  items: {
    check: string;
    status: string;
    owner: string | null;
    thirdParty: string | null;
    dueOn: string | null;
    evidenceSeenOn: string[];
    overdue: boolean;
  }[];
}

const put = (offerId: string, check: string, payload: object, by: Caller = t.employer) =>
  t.app.inject({
    method: 'PUT',
    url: `/v1/offers/${offerId}/checks/${check}`,
    headers: bearer(by),
    payload,
  });
const checksOf = async (offerId: string, by: Caller = t.employer) =>
  (
    await t.app.inject({ method: 'GET', url: `/v1/offers/${offerId}/checks`, headers: bearer(by) })
  ).json<Checks>();
const eventsOf = async (type: string, offerId: string) =>
  (await outboxEvents(t.pool, type)).filter((e) => e.payload.data.offerId === offerId);
const cleared = { status: 'cleared', evidenceSeenOn: ['2026-12-01'] };

describe('the six pre-employment checks', () => {
  it('when checks move in any order, some twice, then each change is published once and the sixth cleared makes the offer unconditional', async () => {
    const { offer, participantId } = await acceptedOffer(t);
    const waiting = await put(offer.id, 'employment-history-and-references', {
      status: 'waiting-for-third-party',
      owner: 'third-party',
      thirdParty: 'referee',
      dueOn: '2027-01-15',
    });
    expect(waiting.statusCode).toBe(200);
    const references = waiting
      .json<Checks>()
      .items.find((c) => c.check === 'employment-history-and-references');
    expect(references).toMatchObject({
      status: 'waiting-for-third-party',
      owner: 'third-party',
      thirdParty: 'referee',
      dueOn: '2027-01-15',
    });
    // The same state again: nothing changes, nothing is published.
    const same = await put(offer.id, 'employment-history-and-references', {
      status: 'waiting-for-third-party',
    });
    expect(same.statusCode).toBe(200);
    await put(offer.id, 'criminal-record-and-barring', {
      status: 'waiting-for-candidate',
      owner: 'participant',
    });
    const order = [
      'work-health-assessment',
      'identity',
      'criminal-record-and-barring',
      'right-to-work',
      'employment-history-and-references',
    ];
    for (const check of order) expect((await put(offer.id, check, cleared)).statusCode).toBe(200);
    expect((await checksOf(offer.id)).offerStatus).toBe('accepted');
    // Clearing a cleared check again is the same state: no second event.
    expect((await put(offer.id, 'identity', cleared)).statusCode).toBe(200);
    const last = await put(offer.id, 'registration-and-qualifications', {
      status: 'cleared',
      evidenceSeenOn: ['2026-12-02', '2026-11-30', '2026-12-02'],
    });
    expect(last.json<Checks>().offerStatus).toBe('unconditional');
    const checks = await checksOf(offer.id, t.operator);
    expect(checks.items.map((c) => [c.check, c.status, c.owner, c.dueOn])).toEqual(
      preEmploymentChecks.map((check) => [check, 'cleared', null, null]),
    );
    expect(
      checks.items.find((c) => c.check === 'registration-and-qualifications')!.evidenceSeenOn,
    ).toEqual(['2026-11-30', '2026-12-02']);

    const updates = await eventsOf('EmploymentCheckUpdated', offer.id);
    // references twice (waiting, cleared), criminal record twice, four others once.
    expect(updates).toHaveLength(8);
    expect(updates.every((e) => e.message_key === participantId)).toBe(true);
    expect(updates[0]!.payload.data).toMatchObject({
      check: 'employment-history-and-references',
      status: 'waiting-for-third-party',
      owner: 'third-party',
      thirdParty: 'referee',
      dueOn: '2027-01-15',
      evidenceSeenOn: [],
    });
    expect(updates.at(-1)!.payload.data).toMatchObject({
      check: 'registration-and-qualifications',
      status: 'cleared',
      owner: null,
      dueOn: null,
      evidenceSeenOn: ['2026-11-30', '2026-12-02'],
    });
    expect(await eventsOf('OfferMadeUnconditional', offer.id)).toHaveLength(1);
    const offerNow = await t.app.inject({
      method: 'GET',
      url: `/v1/offers/${offer.id}`,
      headers: bearer(t.employer),
    });
    expect(offerNow.json()).toMatchObject({ status: 'unconditional' });
  });

  it('when a decided check is changed, then it is refused and nothing is published', async () => {
    const { offer } = await acceptedOffer(t);
    await put(offer.id, 'identity', cleared);
    const reopened = await put(offer.id, 'identity', { status: 'in-progress', owner: 'employer' });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json()).toMatchObject({ code: 'check-decided', checkStatus: 'cleared' });
    expect(await eventsOf('EmploymentCheckUpdated', offer.id)).toHaveLength(1);
  });

  it('when a check fails, then the offer is withdrawn naming the check, and its checks stand still', async () => {
    const { offer, participantId } = await acceptedOffer(t);
    await put(offer.id, 'identity', cleared);
    const failed = await put(offer.id, 'criminal-record-and-barring', { status: 'failed' });
    expect(failed.statusCode).toBe(200);
    expect(failed.json<Checks>().offerStatus).toBe('withdrawn');
    const withdrawn = await eventsOf('OfferWithdrawn', offer.id);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.message_key).toBe(participantId);
    expect(withdrawn[0]!.payload.data).toMatchObject({
      reasonCode: 'check-failed',
      check: 'criminal-record-and-barring',
    });
    const after = await put(offer.id, 'right-to-work', cleared);
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ code: 'offer-not-open', offerStatus: 'withdrawn' });
    expect(await eventsOf('OfferMadeUnconditional', offer.id)).toHaveLength(0);
  });

  it('when a change names a third party without it holding the action, or the reverse, then it is refused naming the field', async () => {
    const { offer } = await acceptedOffer(t);
    const noName = await put(offer.id, 'work-health-assessment', {
      status: 'waiting-for-third-party',
      owner: 'third-party',
    });
    expect(noName.statusCode).toBe(422);
    expect(noName.json()).toMatchObject({ errors: [{ field: 'body.thirdParty' }] });
    const notHolding = await put(offer.id, 'work-health-assessment', {
      status: 'in-progress',
      thirdParty: 'occupational-health',
    });
    expect(notHolding.json()).toMatchObject({ errors: [{ field: 'body.owner' }] });
    expect((await put(offer.id, 'not-a-check', { status: 'cleared' })).statusCode).toBe(400);
    expect((await put(offer.id, 'identity', { status: 'done' })).statusCode).toBe(400);
    expect(
      (await put(offer.id, 'identity', { status: 'in-progress', dueOn: '2027-13-01' })).statusCode,
    ).toBe(400);
    expect(await eventsOf('EmploymentCheckUpdated', offer.id)).toHaveLength(0);
  });

  it('when a check’s due day has passed, then the list shows it overdue (who is holding up the start)', async () => {
    const { offer } = await acceptedOffer(t);
    await put(offer.id, 'right-to-work', {
      status: 'waiting-for-candidate',
      owner: 'participant',
      dueOn: '2026-01-05',
    });
    const checks = await checksOf(offer.id);
    expect(checks.items.find((c) => c.check === 'right-to-work')).toMatchObject({
      owner: 'participant',
      overdue: true,
    });
    expect(checks.items.filter((c) => c.overdue)).toHaveLength(1);
  });

  it('when the offer is not accepted yet, or the operator tries, then a check cannot be updated', async () => {
    const { offer } = await madeOffer(t);
    expect((await put(offer.id, 'identity', cleared)).statusCode).toBe(409);
    const accepted = await acceptedOffer(t);
    expect((await put(accepted.offer.id, 'identity', cleared, t.operator)).statusCode).toBe(404);
    expect((await checksOf(accepted.offer.id, t.operator)).items).toHaveLength(6);
  });
});

describe('the six checks: the last ones at once', () => {
  it('when the last two checks are cleared by simultaneous requests, then the offer becomes unconditional exactly once', async () => {
    const { offer } = await acceptedOffer(t);
    for (const check of preEmploymentChecks.slice(0, 4)) await put(offer.id, check, cleared);
    const answers = await Promise.all(
      preEmploymentChecks.slice(4).map((check) => put(offer.id, check, cleared)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => a.json<Checks>().offerStatus).sort()).toEqual([
      'accepted',
      'unconditional',
    ]);
    expect(await eventsOf('OfferMadeUnconditional', offer.id)).toHaveLength(1);
    expect(await eventsOf('EmploymentCheckUpdated', offer.id)).toHaveLength(6);
  });

  it('when the same last check is cleared by two simultaneous requests, then one change and one OfferMadeUnconditional are published', async () => {
    const { offer } = await acceptedOffer(t);
    for (const check of preEmploymentChecks.slice(0, 5)) await put(offer.id, check, cleared);
    const last = preEmploymentChecks[5];
    const answers = await Promise.all([put(offer.id, last, cleared), put(offer.id, last, cleared)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => a.json<Checks>().offerStatus)).toEqual([
      'unconditional',
      'unconditional',
    ]);
    expect(await eventsOf('OfferMadeUnconditional', offer.id)).toHaveLength(1);
    expect(
      (await eventsOf('EmploymentCheckUpdated', offer.id)).filter(
        (e) => e.payload.data.check === last,
      ),
    ).toHaveLength(1);
  });
});
