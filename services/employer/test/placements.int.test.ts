import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  outboxEvents,
  propose,
  siteWithSlot,
  startEmployerApp,
  withKey,
  type EmployerTestApp,
} from './support/employer-app.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

const act = (id: string, action: string, caller = t.employer, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/placements/${id}/${action}`,
    headers: bearer(caller),
    ...(payload ? { payload } : {}),
  });

describe('placements', () => {
  it('when the operator proposes and the employer confirms, starts and completes, then each step is recorded', async () => {
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const { slotId } = await siteWithSlot(t, 2);
    const proposed = await propose(t, slotId, programmeId, participantId);
    expect(proposed.statusCode).toBe(201);
    const id = proposed.json<{ id: string; status: string }>().id;
    expect(proposed.json<{ status: string }>().status).toBe('proposed');
    expect((await act(id, 'confirm')).json<{ status: string }>().status).toBe('confirmed');
    expect((await act(id, 'start')).json<{ status: string }>().status).toBe('started');
    expect((await act(id, 'complete')).json<{ status: string }>().status).toBe('completed');
    expect((await act(id, 'complete')).statusCode).toBe(409);
    for (const type of [
      'PlacementProposed',
      'PlacementConfirmed',
      'PlacementStarted',
      'PlacementCompleted',
    ]) {
      const mine = (await outboxEvents(t.pool, type)).filter(
        (e) => e.message_key === participantId,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]!.payload.data).toMatchObject({ placementId: id, participantId, slotId });
    }
  });

  it('when the employer declines with a reason or a started placement ends early, then the reason is kept', async () => {
    const programmeId = await t.programme();
    const { slotId } = await siteWithSlot(t, 2);
    const a = (await propose(t, slotId, programmeId, await t.participant(programmeId))).json<{
      id: string;
    }>().id;
    const declined = await act(a, 'decline', t.employer, { reasonCode: 'dates-unavailable' });
    expect(declined.json<{ status: string; reasonCode: string }>()).toMatchObject({
      status: 'declined',
      reasonCode: 'dates-unavailable',
    });
    expect((await act(a, 'decline', t.employer, { reasonCode: 'made-up' })).statusCode).toBe(400);
    const b = (await propose(t, slotId, programmeId, await t.participant(programmeId))).json<{
      id: string;
    }>().id;
    await act(b, 'confirm');
    await act(b, 'start');
    const ended = await act(b, 'end-early', t.employer, { reasonCode: 'health' });
    expect(ended.json<{ status: string; reasonCode: string }>()).toMatchObject({
      status: 'ended-early',
      reasonCode: 'health',
    });
    const declinedEvents = await outboxEvents(t.pool, 'PlacementDeclined');
    expect(declinedEvents.map((e) => e.payload.data.placementId)).toContain(a);
    const endedEvents = await outboxEvents(t.pool, 'PlacementEndedEarly');
    expect(endedEvents.find((e) => e.payload.data.placementId === b)?.payload.data.reasonCode).toBe(
      'health',
    );
  });

  it('when ten confirmations for the last place arrive at once, then exactly one is confirmed', async () => {
    const programmeId = await t.programme();
    const { slotId } = await siteWithSlot(t, 1);
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1)
      ids.push(
        (await propose(t, slotId, programmeId, await t.participant(programmeId))).json<{
          id: string;
        }>().id,
      );
    const answers = await Promise.all(ids.map((id) => act(id, 'confirm')));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const { rows } = await t.pool.query<{ n: number }>(
      `select count(*)::int as n from placements where slot_id = $1 and status = 'confirmed'`,
      [slotId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('when a participant is not in a programme the operator runs, then the proposal is refused', async () => {
    const programmeId = await t.programme();
    const theirs = await t.programme({}, t.otherOperator);
    const { slotId } = await siteWithSlot(t, 1);
    const notIn = await propose(t, slotId, programmeId, randomUUID());
    expect(notIn.statusCode).toBe(422);
    const notMine = await propose(t, slotId, theirs, await t.participant(theirs));
    expect(notMine.statusCode).toBe(403);
    const byEmployer = await propose(
      t,
      slotId,
      programmeId,
      await t.participant(programmeId),
      t.employer,
    );
    expect(byEmployer.statusCode).toBe(403);
  });

  it('when the same proposal is retried with its Idempotency-Key, then one placement is made', async () => {
    const programmeId = await t.programme();
    const participantId = await t.participant(programmeId);
    const { slotId } = await siteWithSlot(t, 1);
    const headers = withKey(t.operator);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/v1/placement-slots/${slotId}/placements`,
        headers,
        payload: { participantId, programmeId },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
  });
});

describe('access', () => {
  it('when another employer or operator reaches for a placement, its site or slot, then it does not exist for them', async () => {
    const programmeId = await t.programme();
    const { siteId, slotId } = await siteWithSlot(t, 1);
    const id = (await propose(t, slotId, programmeId, await t.participant(programmeId))).json<{
      id: string;
    }>().id;
    for (const caller of [t.otherEmployer, t.otherOperator, t.jobCentre]) {
      const get = await t.app.inject({
        method: 'GET',
        url: `/v1/placements/${id}`,
        headers: bearer(caller),
      });
      expect(get.statusCode).toBe(404);
      for (const action of ['confirm', 'start', 'complete'])
        expect((await act(id, action, caller)).statusCode).toBe(404);
      expect((await act(id, 'decline', caller, { reasonCode: 'other' })).statusCode).toBe(404);
      expect((await act(id, 'end-early', caller, { reasonCode: 'other' })).statusCode).toBe(404);
      const list = await t.app.inject({
        method: 'GET',
        url: '/v1/placements',
        headers: bearer(caller),
      });
      expect(list.json<{ items: unknown[] }>().items).toHaveLength(0);
    }
    for (const caller of [t.otherEmployer, t.jobCentre]) {
      for (const url of [`/v1/sites/${siteId}`, `/v1/placement-slots/${slotId}`])
        expect(
          (await t.app.inject({ method: 'GET', url, headers: bearer(caller) })).statusCode,
        ).toBe(404);
    }
    // The operator proposes but may not decide for the employer.
    expect((await act(id, 'confirm', t.operator)).statusCode).toBe(404);
    const slotOnOthersSite = await t.app.inject({
      method: 'POST',
      url: '/v1/placement-slots',
      headers: withKey(t.otherEmployer),
      payload: {
        siteId,
        kind: 'shadowing',
        roleArea: 'porter',
        startsOn: '2027-02-01',
        endsOn: '2027-02-02',
        hoursPerWeek: 10,
        capacity: 1,
      },
    });
    expect(slotOnOthersSite.statusCode).toBe(404);
    const siteByOperator = await t.app.inject({
      method: 'POST',
      url: '/v1/sites',
      headers: withKey(t.operator),
      payload: { name: 'Somewhere', postcodeArea: 'LU' },
    });
    expect(siteByOperator.statusCode).toBe(403);
  });
});
