import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import { topics } from '@ladder/events';
import { ConsumerRunner, createKafka } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createParticipantViewClient } from '@ladder/participant-view';
import { createTestDatabase, testStack, type TestDatabase } from '@ladder/testing';
import { referralHandlers } from '../src/events/referral-handlers.js';
import { startReferralProcess, type ReferralProcess } from './support/referral-process.js';
import {
  bearer,
  courseWithIntake,
  requestPlace,
  startTrainingApp,
  type Caller,
  type TrainingTestApp,
} from './support/training-app.js';

/**
 * The training service stores no personal data: a provider sees a learner's name, contact
 * preference and adjustments only through the consented view, fetched from the real referral
 * service each time. Programmes and participants reach training through Kafka, as in production.
 */
describe('personal data: the learner through the consented view', () => {
  const logger = createLogger({ name: 'training-personal-data', level: 'silent' });
  let identityDb: TestDatabase;
  let referralDb: TestDatabase;
  let referral: ReferralProcess;
  let t: TrainingTestApp;
  let consumer: ConsumerRunner;
  let jobCentre: Caller;
  let operatorAdmin: Caller;
  let intakeId: string;
  const programmeId = `training-pd-${randomUUID().slice(0, 8)}`;
  const familyName = `Okafor-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    identityDb = await createTestDatabase('identity');
    referralDb = await createTestDatabase('referral');
    referral = await startReferralProcess({
      databaseUrl: referralDb.url,
      identityDatabaseUrl: identityDb.url,
      kafkaBrokers: testStack().kafka.brokers,
    });
    const { store } = (t = await startTrainingApp({
      identityDb,
      participantViews: {
        // The service's own credential, made below once the identity database has it.
        view: (...args) => views.view(...args),
      },
    }));
    const key = async (organisationId: string, grants: string[]) =>
      (await store.createApiKey({ organisationId, scopes: grants, label: 'test' })).apiKey;
    const service = await store.createOrganisation({
      name: 'Ladder training service',
      kind: 'programme-operator',
    });
    const views = createParticipantViewClient({
      baseUrl: referral.url,
      apiKey: await key(service.id, [scopes.participantsView]),
    });
    const jc = await store.createOrganisation({ name: 'Luton Jobcentre Plus', kind: 'job-centre' });
    jobCentre = {
      organisationId: jc.id,
      apiKey: await key(jc.id, [scopes.referralsWrite, scopes.referralsRead, scopes.consentManage]),
    };
    operatorAdmin = {
      organisationId: t.operator.organisationId,
      apiKey: await key(t.operator.organisationId, [
        scopes.programmesRead,
        scopes.programmesWrite,
        scopes.participantsErase,
      ]),
    };
    consumer = new ConsumerRunner({
      kafka: createKafka({ brokers: testStack().kafka.brokers, clientId: 'training-pd', logger }),
      pool: t.pool,
      logger,
      groupId: `training-service.referrals-${randomUUID()}`,
      topics: [topics.referrals],
      handlers: referralHandlers(),
    });
    await consumer.start();
    const programme = await fetch(`${referral.url}/v1/programmes`, {
      method: 'POST',
      headers: { ...bearer(operatorAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: programmeId,
        rules: {
          name: 'Stepping Into Health',
          ageRange: { min: 16, max: 64 },
          eligibleGroups: [],
          areas: [],
          deadlines: {},
        },
      }),
    });
    expect(programme.status).toBe(201);
    ({ intakeId } = await courseWithIntake(t, 10));
  }, 120_000);
  afterAll(async () => {
    await consumer.stop();
    await referral.stop();
    await t.close();
    await referralDb.drop();
    await identityDb.drop();
  });

  const consent = (recipients: string[], expiresAt = '2030-01-01T00:00:00Z') => ({
    purposes: ['programme-delivery', 'training'],
    recipients,
    givenAt: '2026-11-20T09:00:00Z',
    expiresAt,
  });

  /** Refers a person, waits until training has heard of them, and gives them a place. */
  let learners = 0;
  async function learner(consentGiven: ReturnType<typeof consent>) {
    learners += 1;
    const response = await fetch(`${referral.url}/v1/referrals`, {
      method: 'POST',
      headers: {
        ...bearer(jobCentre),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        programmeId,
        person: {
          givenName: 'Amara',
          familyName: `${familyName}-${learners}`,
          dateOfBirth: '2001-03-04',
          email: 'amara@example.org',
          postcode: 'LU1 3JH',
        },
        reasonableAdjustments: ['step-free access'],
        workCoach: { name: 'Priya Shah', email: 'priya.shah@jobcentre.example' },
        consent: consentGiven,
      }),
    });
    expect(response.status).toBe(201);
    const { id: referralId, participantId } = (await response.json()) as {
      id: string;
      participantId: string;
    };
    for (let i = 0; i < 200; i += 1) {
      const placed = await requestPlace(t, intakeId, programmeId, participantId);
      if (placed.statusCode === 201)
        return { referralId, participantId, placeId: placed.json<{ id: string }>().id };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the training service never heard of the participant');
  }
  const viewAs = (placeId: string, by: Caller = t.provider) =>
    t.app.inject({ method: 'GET', url: `/v1/places/${placeId}/learner`, headers: bearer(by) });

  it('when the consent covers training by a training provider, then the provider sees the name, contact preference and adjustments, and training stores none of it', async () => {
    const { placeId, participantId } = await learner(
      consent(['programme-operator', 'training-provider']),
    );
    const response = await viewAs(placeId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      placeId,
      participantId,
      released: true,
      person: {
        givenName: 'Amara',
        familyName: `${familyName}-1`,
        contactPreference: 'email',
        reasonableAdjustments: ['step-free access'],
      },
    });
    const { rows } = await t.pool.query<{ dump: string }>(
      `select string_agg(t::text, ' ') as dump from (
         select row_to_json(p)::text as t from places p
         union all select row_to_json(o)::text from ladder_outbox o
         union all select row_to_json(k)::text from idempotency_keys k) x`,
    );
    expect(rows[0]?.dump ?? '').not.toContain(familyName);
    expect(t.logs.join('')).not.toContain(familyName);
  });

  it('when the consent does not cover training providers, then only ids are shown: no-consent', async () => {
    const { placeId, participantId } = await learner(consent(['programme-operator']));
    expect((await viewAs(placeId)).json()).toEqual({
      placeId,
      participantId,
      released: false,
      reason: 'no-consent',
    });
  });

  it('when the consent has expired, then only ids are shown: consent-expired', async () => {
    const { placeId } = await learner(
      consent(['programme-operator', 'training-provider'], '2026-11-21T00:00:00Z'),
    );
    expect((await viewAs(placeId)).json()).toMatchObject({
      released: false,
      reason: 'consent-expired',
    });
  });

  it('when the consent is withdrawn, or the participant erased, then only ids are shown', async () => {
    const withdrawing = await learner(consent(['programme-operator', 'training-provider']));
    expect((await viewAs(withdrawing.placeId)).json()).toMatchObject({ released: true });
    const withdrawal = await fetch(
      `${referral.url}/v1/referrals/${withdrawing.referralId}/consent/withdrawals`,
      {
        method: 'POST',
        headers: { ...bearer(jobCentre), 'content-type': 'application/json' },
        body: JSON.stringify({ recipients: ['training-provider'] }),
      },
    );
    expect(withdrawal.status).toBe(201);
    expect((await viewAs(withdrawing.placeId)).json()).toMatchObject({
      released: false,
      reason: 'consent-withdrawn',
    });

    const erasing = await learner(consent(['programme-operator', 'training-provider']));
    const erased = await fetch(`${referral.url}/v1/participants/${erasing.participantId}/erase`, {
      method: 'POST',
      headers: bearer(operatorAdmin),
    });
    expect(erased.status).toBe(204);
    const view = await viewAs(erasing.placeId);
    expect(view.json()).toMatchObject({ released: false, reason: 'erased' });
    expect(view.body).not.toContain(familyName);
  });

  it('when the operator or another provider asks for the learner, then it is not found', async () => {
    const { placeId } = await learner(consent(['programme-operator', 'training-provider']));
    expect((await viewAs(placeId, t.operator)).statusCode).toBe(404);
    expect((await viewAs(placeId, t.otherProvider)).statusCode).toBe(404);
  });
});
