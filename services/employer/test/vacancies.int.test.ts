import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
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

const vacancy = (siteId: string) => ({
  siteId,
  role: 'healthcare-support-worker',
  band: 'band-2',
  hoursPerWeek: 37,
  posts: 3,
  closesOn: '2027-03-31',
});

describe('vacancies', () => {
  it('when an employer advertises a vacancy at its site, then it and operators can read it', async () => {
    const { siteId } = await siteWithSlot(t, 1);
    const made = await t.app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: withKey(t.employer),
      payload: vacancy(siteId),
    });
    expect(made.statusCode).toBe(201);
    const id = made.json<{ id: string }>().id;
    for (const caller of [t.employer, t.operator]) {
      const got = await t.app.inject({
        method: 'GET',
        url: `/v1/vacancies/${id}`,
        headers: bearer(caller),
      });
      expect(got.json()).toMatchObject({ role: 'healthcare-support-worker', band: 'band-2' });
    }
  });

  it('when a band is not Agenda for Change, then the vacancy is refused naming the field', async () => {
    const { siteId } = await siteWithSlot(t, 1);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: withKey(t.employer),
      payload: { ...vacancy(siteId), band: 'band-9' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('band');
  });

  it('when another employer reads the vacancy or advertises at the site, then it is refused', async () => {
    const { siteId } = await siteWithSlot(t, 1);
    const id = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/vacancies',
        headers: withKey(t.employer),
        payload: vacancy(siteId),
      })
    ).json<{ id: string }>().id;
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/vacancies/${id}`,
      headers: bearer(t.otherEmployer),
    });
    expect(read.statusCode).toBe(404);
    const onTheirSite = await t.app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: withKey(t.otherEmployer),
      payload: vacancy(siteId),
    });
    expect(onTheirSite.statusCode).toBe(404);
  });
});
