import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  courseWithIntake,
  requestPlace,
  startTrainingApp,
  type TrainingTestApp,
} from './support/training-app.js';

describe('the open course catalogue (Open Referral UK)', () => {
  let t: TrainingTestApp;
  let courseId: string;
  let participantId: string;
  beforeAll(async () => {
    t = await startTrainingApp();
    ({ courseId } = await courseWithIntake(t, 8));
    const { intakeId } = await courseWithIntake(t, 4, t.otherProvider);
    const programmeId = await t.programme();
    participantId = await t.participant(programmeId);
    await requestPlace(t, intakeId, programmeId, participantId);
  });
  afterAll(async () => t.close());

  it('when anyone asks without credentials, then every course is listed as a service with its provider, location and schedules', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/open-data/v1/services' });
    expect(response.statusCode).toBe(200);
    const page = response.json<{ totalElements: number; content: Record<string, unknown>[] }>();
    expect(page).toMatchObject({
      totalElements: 2,
      number: 1,
      first: true,
      last: true,
      empty: false,
    });
    const service = page.content.find((s) => s.id === courseId);
    expect(service).toMatchObject({
      name: 'Care Certificate for new starters',
      status: 'active',
      organization: { id: t.provider.organisationId, name: 'Luton Adult Learning' },
      service_at_locations: [
        { location: { physical_addresses: [{ postal_code: 'LU', country: 'GB' }] } },
      ],
      regular_schedules: [
        { valid_from: '2027-01-11', valid_to: '2027-04-02', service_id: courseId },
      ],
      fundings: [{ source: 'adult-skills-fund' }],
      service_taxonomys: expect.arrayContaining([
        expect.objectContaining({ taxonomy: expect.objectContaining({ id: 'care-certificate' }) }),
      ]) as unknown,
    });
  });

  it('when the catalogue is read, then it holds no participant, place or seat count', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/open-data/v1/services' })).body;
    expect(body).not.toContain(participantId);
    expect(body).not.toMatch(/enrolled|waitlist|capacity/);
  });

  it('when one service is asked for, then it is given, and an unknown one is not found', async () => {
    const one = await t.app.inject({ method: 'GET', url: `/open-data/v1/services/${courseId}` });
    expect(one.json()).toMatchObject({ id: courseId });
    const none = await t.app.inject({
      method: 'GET',
      url: '/open-data/v1/services/0190a0a0-0000-7000-8000-000000000000',
    });
    expect(none.statusCode).toBe(404);
  });

  it('when the page size is smaller than the catalogue, then it pages', async () => {
    const page = (
      await t.app.inject({ method: 'GET', url: '/open-data/v1/services?per_page=1&page=2' })
    ).json();
    expect(page).toMatchObject({
      totalElements: 2,
      totalPages: 2,
      number: 2,
      last: true,
      first: false,
    });
  });
});
