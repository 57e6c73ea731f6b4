import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import {
  bearer,
  startReferralApp,
  type Caller,
  type ReferralTestApp,
} from './support/referral-app.js';

const viewUrl = (participantId: string, query = 'purpose=training&recipient=training-provider') =>
  `/internal/v1/participants/${participantId}/view?${query}&onBehalfOf=org-provider-1`;

describe('the consented view of a participant', () => {
  let t: ReferralTestApp;
  let identityPool: Pool;
  let trainingService: Caller;

  beforeAll(async () => {
    t = await startReferralApp();
    identityPool = createPool(t.identityDb.url, { max: 2 });
    const store = new CredentialStore(identityPool);
    const org = await store.createOrganisation({
      name: 'Ladder training service',
      kind: 'programme-operator',
    });
    const { apiKey } = await store.createApiKey({
      organisationId: org.id,
      scopes: [scopes.participantsView],
      label: 'test',
    });
    trainingService = { organisationId: org.id, apiKey };
  });
  afterAll(async () => {
    await identityPool.end();
    await t.close();
  });

  const refer = (overrides: Record<string, unknown> = {}) => t.refer(overrides);
  const view = (participantId: string, query?: string, caller: Caller = trainingService) =>
    t.app.inject({ method: 'GET', url: viewUrl(participantId, query), headers: bearer(caller) });

  it('when the consent covers the purpose and the recipient, then only the name, contact preference and adjustments are released, and the release is recorded', async () => {
    const { participantId } = await refer();
    const response = await view(participantId);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<{ person: Record<string, unknown> }>();
    expect(body).toEqual({
      participantId,
      released: true,
      person: {
        givenName: 'Alex',
        familyName: expect.stringMatching(/^Morgan-/) as unknown,
        contactPreference: 'email',
        reasonableAdjustments: ['written instructions', 'quiet room for interviews'],
      },
    });
    const { rows } = await t.pool.query(
      `select caller_organisation_id, on_behalf_of, purpose, recipient, released, refusal
       from participant_view_releases where participant_id = $1`,
      [participantId],
    );
    expect(rows).toEqual([
      {
        caller_organisation_id: trainingService.organisationId,
        on_behalf_of: 'org-provider-1',
        purpose: 'training',
        recipient: 'training-provider',
        released: true,
        refusal: null,
      },
    ]);
  });

  it('when a contact preference was stated, then it is the one released', async () => {
    const { participantId } = await refer({
      person: { contactPreference: 'text-message' },
    });
    expect((await view(participantId)).json()).toMatchObject({
      person: { contactPreference: 'text-message' },
    });
  });

  it('when the consent does not cover the recipient or the purpose, then nothing is released: no-consent', async () => {
    const { participantId } = await refer({
      consent: {
        purposes: ['programme-delivery', 'training'],
        recipients: ['programme-operator'],
        givenAt: '2026-11-20T09:00:00Z',
        expiresAt: '2027-11-20T09:00:00Z',
      },
    });
    expect((await view(participantId)).json()).toEqual({
      participantId,
      released: false,
      reason: 'no-consent',
    });
    expect(
      (await view(participantId, 'purpose=recruitment&recipient=training-provider')).json(),
    ).toMatchObject({ released: false, reason: 'no-consent' });
  });

  it('when the consent has expired, then nothing is released: consent-expired', async () => {
    const { id, participantId } = await refer();
    await t.pool.query(
      `update referrals set consent = jsonb_set(consent, '{expiresAt}', '"2026-01-01T00:00:00Z"') where id = $1`,
      [id],
    );
    expect((await view(participantId)).json()).toEqual({
      participantId,
      released: false,
      reason: 'consent-expired',
    });
  });

  it('when the referrer records a withdrawal of consent, then nothing is released: consent-withdrawn; another referrer cannot record it', async () => {
    const { id, participantId } = await refer();
    const other = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/consent/withdrawals`,
      headers: bearer(t.otherJobCentre),
      payload: {},
    });
    expect(other.statusCode).toBe(404);
    expect((await view(participantId)).json()).toMatchObject({ released: true });

    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/consent/withdrawals`,
      headers: bearer(t.jobCentre),
      payload: {},
    });
    expect(withdrawn.statusCode).toBe(201);
    expect((await view(participantId)).json()).toEqual({
      participantId,
      released: false,
      reason: 'consent-withdrawn',
    });
  });

  it('when the participant has been erased, then nothing is released: erased', async () => {
    const { participantId } = await refer();
    const erased = await t.app.inject({
      method: 'POST',
      url: `/v1/participants/${participantId}/erase`,
      headers: bearer(t.operator),
    });
    expect(erased.statusCode).toBe(204);
    const response = await view(participantId);
    expect(response.json()).toEqual({ participantId, released: false, reason: 'erased' });
    expect(response.body).not.toContain('Alex');
  });

  it("when asked for the programme's operator, then the operator running the participant's programme sees them and another operator is refused as not found, unrecorded", async () => {
    const { participantId } = await refer();
    const forOperator = (operatorId: string) =>
      `purpose=programme-delivery&recipient=programme-operator&onBehalfOf=${operatorId}`;
    const ask = (operatorId: string) =>
      t.app.inject({
        method: 'GET',
        url: `/internal/v1/participants/${participantId}/view?${forOperator(operatorId)}`,
        headers: bearer(trainingService),
      });
    const own = await ask(t.operator.organisationId);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ released: true, person: { givenName: 'Alex' } });
    const other = await ask(t.otherOperator.organisationId);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Alex');
    const { rows } = await t.pool.query<{ on_behalf_of: string }>(
      'select on_behalf_of from participant_view_releases where participant_id = $1',
      [participantId],
    );
    expect(rows.map((r) => r.on_behalf_of)).toEqual([t.operator.organisationId]);
  });

  it('when the participant is unknown, then 404', async () => {
    expect((await view(randomUUID())).statusCode).toBe(404);
  });

  it('when a caller without participants:view (a Job Centre) or without credentials asks, then it is refused', async () => {
    const { participantId } = await refer();
    expect((await view(participantId, undefined, t.jobCentre)).statusCode).toBe(403);
    expect((await view(participantId, undefined, t.operator)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: viewUrl(participantId) });
    expect(anonymous.statusCode).toBe(401);
  });

  it('when the purpose or recipient is not a known code, then 400 names the field', async () => {
    const { participantId } = await refer();
    const response = await view(participantId, 'purpose=gossip&recipient=training-provider');
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('querystring.purpose');
  });
});
