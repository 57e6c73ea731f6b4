import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  startEmployerApp,
  withKey,
  type Caller,
  type EmployerTestApp,
} from './support/employer-app.js';

let t: EmployerTestApp;
beforeAll(async () => {
  t = await startEmployerApp();
});
afterAll(async () => {
  await t.close();
});

const day = (fromToday: number) =>
  new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10);

async function post(path: string, by: Caller, payload: object): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: path, headers: withKey(by), payload });
  if (response.statusCode !== 201)
    throw new Error(`${path}: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** A site of `by`'s with a slot and a vacancy that end `endsIn` days from today. */
async function opportunitiesEnding(by: Caller, name: string, endsIn: number) {
  const siteId = await post('/v1/sites', by, { name, postcodeArea: 'LU4' });
  const slotId = await post('/v1/placement-slots', by, {
    siteId,
    kind: 'work-experience',
    roleArea: 'healthcare-support-worker',
    startsOn: day(endsIn - 20),
    endsOn: day(endsIn),
    hoursPerWeek: 20,
    capacity: 2,
  });
  const vacancyId = await post('/v1/vacancies', by, {
    siteId,
    role: 'porter',
    band: 'band-2',
    hoursPerWeek: 37,
    posts: 1,
    closesOn: day(endsIn),
  });
  return { slotId, vacancyId };
}

const list = (path: string, by: Caller) =>
  t.app.inject({ method: 'GET', url: path, headers: bearer(by) });
const ids = async (path: string, by: Caller) =>
  (await list(path, by)).json<{ items: { id: string }[] }>().items.map((i) => i.id);

describe('lists of placement slots and vacancies', () => {
  let open: { slotId: string; vacancyId: string };
  let ended: { slotId: string; vacancyId: string };
  let others: { slotId: string; vacancyId: string };

  beforeAll(async () => {
    open = await opportunitiesEnding(t.employer, 'Luton and Dunstable University Hospital', 30);
    ended = await opportunitiesEnding(t.employer, 'Bedford Hospital', -1);
    others = await opportunitiesEnding(t.otherEmployer, 'Queen Elizabeth Hospital', 60);
  });

  it('when an operator lists them, then every employer’s still open are there with their site, soonest first, and none that has ended', async () => {
    const slots = await list('/v1/placement-slots', t.operator);
    expect(slots.statusCode).toBe(200);
    const items = slots.json<{ items: { id: string; site: unknown; links: unknown }[] }>().items;
    expect(items.map((i) => i.id)).toEqual([open.slotId, others.slotId]);
    expect(items[0]).toMatchObject({
      site: { name: 'Luton and Dunstable University Hospital', postcodeArea: 'LU4' },
      links: { self: `/v1/placement-slots/${open.slotId}` },
    });
    expect(await ids('/v1/vacancies', t.operator)).toEqual([open.vacancyId, others.vacancyId]);
    expect(await ids('/v1/vacancies?limit=1', t.otherOperator)).toEqual([open.vacancyId]);
  });

  it('when an employer lists them, then it sees only its own, ended ones too, and never another employer’s', async () => {
    expect((await ids('/v1/placement-slots', t.employer)).sort()).toEqual(
      [open.slotId, ended.slotId].sort(),
    );
    expect(await ids('/v1/vacancies', t.otherEmployer)).toEqual([others.vacancyId]);
  });

  it('when another kind of organisation (a Job Centre) or no one lists them, then it is refused', async () => {
    expect((await list('/v1/placement-slots', t.jobCentre)).statusCode).toBe(403);
    expect((await list('/v1/vacancies', t.jobCentre)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/vacancies' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('when the limit is out of range, then 400 names the field', async () => {
    const response = await list('/v1/placement-slots?limit=0', t.operator);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('limit');
  });
});
