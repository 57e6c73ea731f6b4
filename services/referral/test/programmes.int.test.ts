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

  it('when a programme and then a new version of its rules are stored, then each is published as ProgrammeRulesPublished with the training and employment settings', async () => {
    const rules = { ...demoRules, training: { seatOfferResponseHours: 24 } };
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/programmes',
      headers: bearer(t.operator),
      payload: { id: 'wm-health-academy', rules },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      rules: {
        training: {
          seatOfferResponseHours: 24,
          atRiskAfterAbsencesInARow: 3,
          providerMayEnrolDirectly: false,
        },
        employment: { checkDueDays: 28, sustainmentResponseDays: 10 },
      },
    });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/v1/programmes/wm-health-academy/versions',
      headers: bearer(t.operator),
      payload: { rules: { ...rules, training: { providerMayEnrolDirectly: true } } },
    });
    expect(changed.statusCode).toBe(201);

    const { rows } = await t.pool.query<{ message_key: string; payload: Record<string, unknown> }>(
      `select message_key, payload from ladder_outbox
       where payload->>'type' = 'ProgrammeRulesPublished' and message_key = 'wm-health-academy'
       order by id`,
    );
    expect(rows.map((r) => r.payload)).toMatchObject([
      {
        version: 1,
        subject: 'wm-health-academy',
        data: {
          programmeId: 'wm-health-academy',
          version: 1,
          operatorOrganisationId: t.operator.organisationId,
          rules: { training: { seatOfferResponseHours: 24 }, employment: { checkDueDays: 28 } },
        },
      },
      {
        data: { version: 2, rules: { training: { providerMayEnrolDirectly: true } } },
      },
    ]);
    // Codes and numbers only: the programme's display name stays in the referral service.
    expect(JSON.stringify(rows)).not.toContain(demoRules.name);
  });

  it('when rules stored before the training and employment settings are read, then the defaults apply', async () => {
    const { name, ageRange, eligibleGroups, areas, deadlines } = demoRules;
    await t.pool.query(
      `insert into programmes (id, operator_organisation_id, current_version) values ('old-rules', $1, 1)`,
      [t.operator.organisationId],
    );
    await t.pool.query(
      `insert into programme_versions (programme_id, version, rules) values ('old-rules', 1, $1)`,
      [JSON.stringify({ name, ageRange, eligibleGroups, areas, deadlines })],
    );
    const read = await t.app.inject({
      method: 'GET',
      url: '/v1/programmes/old-rules',
      headers: bearer(t.jobCentre),
    });
    expect(read.json()).toMatchObject({
      rules: {
        training: { seatOfferResponseHours: 48, atRiskAfterAbsencesInARow: 3 },
        employment: { sustainmentResponseDays: 10 },
      },
    });
  });

  it('when settings are out of range, then the programme is refused naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/programmes',
      headers: bearer(t.operator),
      payload: {
        id: 'bad-settings',
        rules: { ...demoRules, training: { seatOfferResponseHours: 0 } },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('training.seatOfferResponseHours');
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
