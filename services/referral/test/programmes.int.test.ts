import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  demoRules,
  programmeId,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

describe('programmes and their versioned rules', () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when an operator creates a programme, then anyone allowed can read it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/programmes',
      headers: bearer(t.operator),
      payload: { id: 'northants-career-ladder', rules: demoRules },
    });
    expect(created.statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: '/v1/programmes/northants-career-ladder',
      headers: bearer(t.jobCentre),
    });
    expect(read.json()).toMatchObject({
      id: 'northants-career-ladder',
      version: 1,
      operatorOrganisationId: t.operator.organisationId,
    });
  });

  it('when a Job Centre tries to create a programme, then it is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/programmes',
      headers: bearer(t.jobCentre),
      payload: { id: 'sneaky', rules: demoRules },
    });
    expect([403]).toContain(response.statusCode);
  });

  it('when the operator changes the rules, then new referrals use the new version and old ones keep theirs', async () => {
    const before = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody({ person: { dateOfBirth: '1990-01-01' } }),
    });
    expect(before.json()).toMatchObject({ status: 'not-eligible', programmeVersion: 1 });

    const changed = await t.app.inject({
      method: 'POST',
      url: `/v1/programmes/${programmeId}/versions`,
      headers: bearer(t.operator),
      payload: { rules: { ...demoRules, ageRange: { min: 16, max: 45 } } },
    });
    expect(changed.statusCode).toBe(201);
    expect(changed.json()).toMatchObject({ version: 2 });

    const after = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody({ person: { dateOfBirth: '1990-01-01' } }),
    });
    expect(after.json()).toMatchObject({ status: 'accepted', programmeVersion: 2 });
    const old = await t.app.inject({
      method: 'GET',
      url: `/v1/programmes/${programmeId}?version=1`,
      headers: bearer(t.jobCentre),
    });
    expect(old.json()).toMatchObject({ version: 1, rules: { ageRange: { max: 30 } } });
  });

  it('when another operator tries to change the programme, then it is not found', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/programmes/${programmeId}/versions`,
      headers: bearer(t.otherOperator),
      payload: { rules: demoRules },
    });
    expect(response.statusCode).toBe(404);
  });

  it('when the rules are inconsistent, then 400 names the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/programmes/${programmeId}/versions`,
      headers: bearer(t.operator),
      payload: { rules: { ...demoRules, ageRange: { min: 40, max: 20 } } },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('ageRange');
  });
});
