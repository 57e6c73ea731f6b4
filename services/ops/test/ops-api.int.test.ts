import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import {
  journeyEvents,
  profileShared,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import {
  bearer,
  reportScopes,
  startOpsApp,
  type Caller,
  type OpsTestApp,
} from './support/ops-app.js';

const mine = 'blmk-stepping-into-health';
const theirs = 'northants-young-people';

describe('the ops API', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let operator: Caller;
  let otherOperator: Caller;
  let jobCentre: Caller;
  let noScope: Caller;
  let j: MadeJourney;
  let other: MadeJourney;

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t);
    operator = await ops.organisation('BLMK ICB', 'programme-operator', reportScopes);
    otherOperator = await ops.organisation(
      'Northamptonshire ICB',
      'programme-operator',
      reportScopes,
    );
    jobCentre = await ops.organisation('Luton Jobcentre Plus', 'job-centre', reportScopes);
    noScope = await ops.organisation('BLMK Academy', 'programme-operator', [scopes.programmesRead]);
    await t.startProjection();
    await t.publish([
      programmeEvent(mine, operator.organisationId),
      programmeEvent(theirs, otherOperator.organisationId),
    ]);
    j = journeyEvents({
      programmeId: mine,
      referredAt: '2026-03-01T10:00:00Z',
      referrerOrganisationId: '=cmd|calc',
      steps: [
        { stage: 'engagement', at: '2026-03-02T10:00:00Z' },
        {
          stalled: 'first-contact',
          stage: 'engagement',
          at: '2026-03-24T10:00:00Z',
          dueAt: '2026-03-23T17:00:00Z',
        },
      ],
    });
    other = journeyEvents({ programmeId: theirs, referredAt: '2026-03-01T10:00:00Z' });
    await t.publish([...j.events, ...other.events]);
    await t.waitForMilestones(j.events.length + other.events.length);
    await t.publish([
      profileShared(j, { area: 'LU', priorityGroups: ['neet', 'send'] }, '2026-03-01T10:00:00Z'),
      profileShared(other, { area: 'LU', priorityGroups: ['neet'] }, '2026-03-01T10:00:00Z'),
    ]);
    await t.waitForProfileChanges(2);
  });
  afterAll(async () => {
    await ops.close();
    await t.close();
  });

  const get = (url: string, caller?: Caller) =>
    ops.app.inject({ method: 'GET', url, headers: caller ? bearer(caller) : {} });

  it('when the operator asks for its journeys, a journey and the report, then it gets its own', async () => {
    const list = await get('/v1/ops/journeys', operator);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { referralId: string }[] }>().items.map((i) => i.referralId)).toEqual(
      [j.referralId],
    );
    const one = await get(`/v1/ops/journeys/${j.referralId}`, operator);
    expect(one.json()).toMatchObject({
      stage: 'engagement',
      waitingFor: 'first-contact',
      waitingFrom: 'programme-operator',
      deadlineDueAt: '2026-03-23T17:00:00.000Z',
      timeline: [{ code: 'referral-submitted' }, { code: 'engagement' }, { code: 'first-contact' }],
    });
    const stalled = await get('/v1/ops/journeys?attention=stalled&order=overdue', operator);
    expect(stalled.json<{ items: unknown[] }>().items).toHaveLength(1);
    const report = await get(
      '/v1/ops/reports/outcomes?referredFrom=2026-03-01&referredTo=2026-03-31',
      operator,
    );
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      total: { referred: 1, inProgress: 1 },
      groups: [{ key: mine }],
    });
  });

  it("when another operator asks for the first operator's journey, programme or figures, then it is refused as not found", async () => {
    expect((await get(`/v1/ops/journeys/${j.referralId}`, otherOperator)).statusCode).toBe(404);
    const programme = await get(`/v1/ops/journeys?programmeId=${mine}`, otherOperator);
    expect(programme.statusCode).toBe(404);
    expect(programme.json()).toMatchObject({ field: 'programmeId' });
    expect(
      (await get(`/v1/ops/reports/outcomes?programmeId=${mine}`, otherOperator)).statusCode,
    ).toBe(404);
    expect(
      (await get(`/v1/ops/reports/outcomes.csv?programmeId=${mine}`, otherOperator)).statusCode,
    ).toBe(404);
    expect((await get(`/v1/ops/journeys.csv?programmeId=${mine}`, otherOperator)).statusCode).toBe(
      404,
    );
    const list = await get('/v1/ops/journeys', otherOperator);
    expect(list.json<{ items: { referralId: string }[] }>().items.map((i) => i.referralId)).toEqual(
      [other.referralId],
    );
    const report = await get('/v1/ops/reports/outcomes', otherOperator);
    expect(report.json()).toMatchObject({ total: { referred: 1 }, groups: [{ key: theirs }] });
  });

  it('when the journeys are filtered by area and priority group, and the report broken down by them, then the operator sees only its own', async () => {
    const ids = async (url: string, caller: Caller) => {
      const response = await get(url, caller);
      expect(response.statusCode, url).toBe(200);
      return response.json<{ items: { referralId: string }[] }>().items.map((i) => i.referralId);
    };
    expect(await ids('/v1/ops/journeys?area=LU&priorityGroup=send', operator)).toEqual([
      j.referralId,
    ]);
    expect(await ids('/v1/ops/journeys?priorityGroup=care-experienced', operator)).toEqual([]);
    expect(await ids('/v1/ops/journeys?area=MK', operator)).toEqual([]);
    // Both journeys are in LU and in neet: each operator is shown its own only.
    expect(await ids('/v1/ops/journeys?area=LU&priorityGroup=neet', otherOperator)).toEqual([
      other.referralId,
    ]);
    const one = await get(`/v1/ops/journeys/${j.referralId}`, operator);
    expect(one.json()).toMatchObject({ area: 'LU', priorityGroups: ['neet', 'send'] });

    const byGroup = await get('/v1/ops/reports/outcomes?breakdown=priority-group', operator);
    expect(byGroup.json()).toMatchObject({
      breakdown: 'priority-group',
      total: { referred: 1 },
      groups: [
        { key: 'neet', figures: { referred: 1, inProgress: 1 } },
        { key: 'send', figures: { referred: 1, inProgress: 1 } },
      ],
    });
    const theirsByArea = await get('/v1/ops/reports/outcomes?breakdown=area', otherOperator);
    expect(theirsByArea.json()).toMatchObject({
      total: { referred: 1 },
      groups: [{ key: 'LU', figures: { referred: 1 } }],
    });
    const drill = await ids(
      '/v1/ops/journeys?measure=referred&breakdown=priority-group&key=send',
      otherOperator,
    );
    expect(drill).toEqual([]);
    const csv = await get('/v1/ops/reports/outcomes.csv?breakdown=area', operator);
    expect(csv.body.split('\r\n')).toContain('"area","LU","referred","",1');
    const journeysCsv = (await get('/v1/ops/journeys.csv?area=LU', operator)).body.split('\r\n');
    expect(journeysCsv[0]).toMatch(/,"area","priorityGroups"$/);
    expect(journeysCsv[1]).toMatch(/,"LU","neet;send"$/);
  });

  it('when an area or a priority group is not one, then the problem names the field', async () => {
    for (const [query, field] of [
      ['area=LU1', 'area'],
      ['area=lu', 'area'],
      ['priorityGroup=disabled', 'priorityGroup'],
      ['breakdown=postcode', 'breakdown'],
    ] as const) {
      const url = `/v1/ops/${field === 'breakdown' ? 'reports/outcomes' : 'journeys'}?${query}`;
      const bad = await get(url, operator);
      expect(bad.statusCode, query).toBe(400);
      expect(JSON.stringify(bad.json()), query).toContain(field);
    }
  });

  it('when a caller has no key, lacks reports:read or is not a programme operator, then it is refused', async () => {
    for (const url of [
      '/v1/ops/journeys',
      '/v1/ops/reports/outcomes',
      `/v1/ops/journeys/${j.referralId}`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, noScope)).statusCode, url).toBe(403);
      expect((await get(url, jobCentre)).statusCode, url).toBe(403);
    }
  });

  it('when the journeys and the report are exported, then they come as CSV with formula-like text defused', async () => {
    const journeys = await get('/v1/ops/journeys.csv', operator);
    expect(journeys.statusCode).toBe(200);
    expect(journeys.headers['content-type']).toMatch(/^text\/csv/);
    const lines = journeys.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^"referralId","participantId"/);
    expect(lines[1]).toContain(`"${j.referralId}"`);
    expect(lines[1]).toContain(`"'=cmd|calc"`);
    const report = await get('/v1/ops/reports/outcomes.csv', operator);
    expect(report.body.split('\r\n')).toContain('"programme","all","referred","",1');
  });

  it('when a query names a bad field, then the problem names it', async () => {
    const bad = await get('/v1/ops/reports/outcomes?asOf=yesterday', operator);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('asOf');
  });

  it('when the OpenAPI document is read, then it describes the journeys and the report', async () => {
    const doc = (await get('/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/ops/journeys',
        '/v1/ops/journeys/{id}',
        '/v1/ops/reports/outcomes',
      ]),
    );
    const json = JSON.stringify(doc.paths['/v1/ops/journeys']);
    expect(json).toContain('"priorityGroup"');
    expect(json).toContain('"area"');
    expect(JSON.stringify(doc.paths['/v1/ops/reports/outcomes'])).toContain('"priority-group"');
    expect(JSON.stringify(doc)).toContain('those groups add up to more than total');
  });
});
