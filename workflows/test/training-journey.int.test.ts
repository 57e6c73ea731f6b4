import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, migrate, withTransaction, type Pool } from '@ladder/db';
import {
  createEnvelope,
  programmeRulesPublishedV1,
  referralSubmittedV3,
  topics,
} from '@ladder/events';
import type { HttpApp } from '@ladder/http';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, handleEvent } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createParticipantViewClient } from '@ladder/participant-view';
import {
  createTestDatabase,
  createTimeSkippingEnvironment,
  testStack,
  type TestDatabase,
} from '@ladder/testing';
import { buildApp, migrateTraining, referralHandlers } from '@ladder/training-service';
import { guidanceDeadlines, type Stage } from '@ladder/vocabulary';
import { journeyState, journeyWorkflowId, type JourneyState } from '@ladder/workflow-contracts';
import { concurrentByParticipant } from '../src/bridge/by-participant.js';
import { trainingBridgeHandlers } from '../src/bridge/training-bridge.js';
import { workerMigrationsDir } from '../src/worker.js';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { journeyInput, journeyWorker } from './journey-harness.js';

/**
 * From enrolment to completion and on to the next stage: the training service's own events,
 * through its outbox, Kafka and the bridge, move a journey on the time-skipping server.
 */
describe('a journey through training, driven by the training service (time-skipping, real Kafka)', () => {
  const logger = createLogger({ name: 'training-journey-test', level: 'silent' });
  const kafka = createKafka({
    brokers: testStack().kafka.brokers,
    clientId: 'training-journey',
    logger,
  });
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let taskQueue: string;
  let running: Promise<void>;
  let trainingDb: TestDatabase;
  let identityDb: TestDatabase;
  let bridgeDb: TestDatabase;
  let pool: Pool;
  let identityPool: Pool;
  let bridgePool: Pool;
  let app: HttpApp;
  let relay: OutboxRelay;
  let bridge: ConsumerRunner;
  let provider: string;
  let operator: string;
  let operatorId: string;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    ({ worker, taskQueue } = await journeyWorker(env));
    running = worker.run();
    trainingDb = await createTestDatabase('training');
    identityDb = await createTestDatabase('identity');
    bridgeDb = await createTestDatabase('bridge');
    await migrateTraining(trainingDb.url);
    await migrateIdentity(identityDb.url);
    await migrate({ databaseUrl: bridgeDb.url, dir: workerMigrationsDir });
    pool = createPool(trainingDb.url, { max: 4 });
    identityPool = createPool(identityDb.url, { max: 2 });
    bridgePool = createPool(bridgeDb.url, { max: 2 });
    const store = new CredentialStore(identityPool);
    const key = async (kind: 'training-provider' | 'programme-operator') => {
      const org = await store.createOrganisation({ name: kind, kind });
      const { apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: [scopes.trainingRead, scopes.trainingWrite],
        label: 'test',
      });
      return { id: org.id, apiKey };
    };
    provider = (await key('training-provider')).apiKey;
    const op = await key('programme-operator');
    operator = op.apiKey;
    operatorId = op.id;
    app = await buildApp({
      pool,
      logger,
      now: () => new Date(),
      idempotencyKeepDays: 7,
      participantViews: createParticipantViewClient({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'unused',
      }),
      store,
      rateLimitPerMinute: 100_000,
      isReady: () => Promise.resolve(true),
    });
    await ensureTopics(kafka, [topics.training]);
    relay = new OutboxRelay({ pool, databaseUrl: trainingDb.url, kafka, logger, lingerMs: 0 });
    bridge = new ConsumerRunner({
      kafka,
      pool: bridgePool,
      logger,
      groupId: `training-journey-${randomUUID()}`,
      topics: [topics.training],
      // as the worker runs it: participant by participant at once
      handlers: concurrentByParticipant(trainingBridgeHandlers(env.client)),
    });
    await relay.start();
    await bridge.start();
  });
  afterAll(async () => {
    await bridge.stop();
    await relay.stop();
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
    await pool.end();
    await identityPool.end();
    await bridgePool.end();
    await trainingDb.drop();
    await identityDb.drop();
    await bridgeDb.drop();
  });

  const as = (apiKey: string) => ({
    authorization: `Bearer ${apiKey}`,
    'idempotency-key': randomUUID(),
  });

  /** What the referral service publishes, handed to the training service's own consumer handlers. */
  async function referralFacts(programmeId: string, participantId: string): Promise<void> {
    const handlers = referralHandlers();
    const context = { source: 'referral-service', correlationId: randomUUID() };
    await withTransaction(pool, async (tx) => {
      await handleEvent(
        handlers,
        createEnvelope(
          programmeRulesPublishedV1,
          {
            programmeId,
            version: 1,
            operatorOrganisationId: operatorId,
            rules: {
              ageRange: { min: 16, max: 64 },
              eligibleGroups: [],
              areas: [],
              deadlines: guidanceDeadlines,
              training: {},
              employment: {},
            },
          },
          { ...context, subject: programmeId },
        ),
        { tx, logger },
      );
      await handleEvent(
        handlers,
        createEnvelope(
          referralSubmittedV3,
          {
            referralId: randomUUID(),
            participantId,
            programmeId,
            programmeVersion: 1,
            referrerOrganisationId: 'org-luton-jobcentre',
            eligibility: { decision: 'eligible', reasonCodes: [] },
            deadlines: guidanceDeadlines,
            bankHolidayRegion: 'england-and-wales',
            submittedAt: new Date().toISOString(),
          },
          { ...context, subject: participantId },
        ),
        { tx, logger },
      );
    });
  }

  async function untilStage(workflowId: string, stage: Stage): Promise<JourneyState> {
    const handle = env.client.workflow.getHandle(workflowId);
    for (let i = 0; i < 150; i += 1) {
      const state = await handle.query(journeyState);
      if (state.stage === stage) return state;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the journey did not reach ${stage}`);
  }

  it('when the participant is enrolled, attends and completes the course, then the journey moves from training to employability', async () => {
    const programmeId = `training-journey-${randomUUID().slice(0, 8)}`;
    const participantId = randomUUID();
    await referralFacts(programmeId, participantId);
    const input = journeyInput({ participantId, programmeId });
    const workflowId = journeyWorkflowId(participantId, programmeId);
    await env.client.workflow.start(journeyWorkflow, { taskQueue, workflowId, args: [input] });

    const course = await app.inject({
      method: 'POST',
      url: '/v1/courses',
      headers: as(provider),
      payload: {
        title: 'Level 2 Diploma in Care',
        qualification: 'diploma-health-and-social-care-level-2',
        level: 'level-2',
        mode: 'in-person',
        postcodeArea: 'LU',
        lengthWeeks: 2,
        fundingRoute: 'adult-skills-fund',
      },
    });
    const start = new Date(Date.now() + 86_400_000);
    const intake = await app.inject({
      method: 'POST',
      url: `/v1/courses/${course.json<{ id: string }>().id}/intakes`,
      headers: as(provider),
      payload: {
        startsOn: start.toISOString().slice(0, 10),
        endsOn: new Date(start.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
        capacity: 5,
        sessions: [1, 2].map((n) => ({
          sessionNumber: n,
          startsAt: new Date(start.getTime() + (n - 1) * 7 * 86_400_000).toISOString(),
          endsAt: new Date(start.getTime() + (n - 1) * 7 * 86_400_000 + 3_600_000).toISOString(),
        })),
      },
    });
    const intakeId = intake.json<{ id: string }>().id;
    const place = await app.inject({
      method: 'POST',
      url: `/v1/intakes/${intakeId}/places`,
      headers: as(operator),
      payload: { participantId, programmeId },
    });
    expect(place.json()).toMatchObject({ status: 'enrolled' });
    const placeId = place.json<{ id: string }>().id;

    const training = await untilStage(workflowId, 'training');
    expect(training.milestones.map((m) => m.code)).toEqual(
      expect.arrayContaining(['training-place-requested', 'training-enrolled']),
    );

    // Two weeks of the course pass on the journey's clock.
    await env.sleep('14 days');
    for (const session of [1, 2]) {
      const register = await app.inject({
        method: 'PUT',
        url: `/v1/intakes/${intakeId}/sessions/${session}/register`,
        headers: as(provider),
        payload: { marks: [{ placeId, mark: 'attended' }] },
      });
      expect(register.statusCode).toBe(201);
    }
    const completed = await app.inject({
      method: 'POST',
      url: `/v1/places/${placeId}/complete`,
      headers: as(provider),
      payload: { result: 'passed', award: { awardingBody: 'NCFE CACHE', awardedOn: '2027-02-01' } },
    });
    expect(completed.statusCode).toBe(200);

    const next = await untilStage(workflowId, 'employability');
    const codes = next.milestones.map((m) => m.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'training-enrolled',
        'training-session-recorded',
        'training-completed',
      ]),
    );
    expect(codes.indexOf('training-completed')).toBeGreaterThan(codes.indexOf('training-enrolled'));
    expect(next.waitingFor).toMatchObject({ from: 'programme-operator' });
  });
});
