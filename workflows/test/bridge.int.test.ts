import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createPool, migrate, type Pool } from '@ladder/db';
import {
  createEnvelope,
  referralSubmittedV1,
  referralWithdrawnV1,
  type EventEnvelope,
  type TopicDefinition,
} from '@ladder/events';
import { ConsumerRunner, createKafka, ensureTopics } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import {
  connectToDevServer,
  createTestDatabase,
  testStack,
  uniqueTaskQueue,
  uniqueTopic,
  type TestDatabase,
} from '@ladder/testing';
import { journeyState, journeyWorkflowId, type JourneyState } from '@ladder/workflow-contracts';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { referralBridgeHandlers } from '../src/bridge/referral-bridge.js';
import { workerMigrationsDir, workflowsPath } from '../src/worker.js';

describe('the bridge from referral events to journeys (dev server, real Kafka)', () => {
  const logger = createLogger({ name: 'bridge-test', level: 'silent' });
  const name = uniqueTopic('test.referrals');
  const topic: TopicDefinition = {
    name,
    partitions: 1,
    retentionMs: 3_600_000,
    deadLetterTopic: `${name}.dlq`,
    deadLetterRetentionMs: 3_600_000,
    description: 'test',
  };
  const taskQueue = uniqueTaskQueue('bridge');
  const kafka = createKafka({
    brokers: testStack().kafka.brokers,
    clientId: 'bridge-test',
    logger,
  });
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let pool: Pool;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await connectToDevServer();
    db = await createTestDatabase('bridge');
    await migrate({ databaseUrl: db.url, dir: workerMigrationsDir });
    pool = createPool(db.url);
    await ensureTopics(kafka, [topic]);
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      activities: { publishJourneyEvents: () => Promise.resolve() },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await pool.end();
    await db.drop();
    await env.teardown();
  });

  const send = async (...envelopes: EventEnvelope[]): Promise<void> => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  };
  const runBridge = async (until: () => Promise<boolean>): Promise<void> => {
    const runner = new ConsumerRunner({
      kafka,
      pool,
      logger,
      groupId: `bridge-${name}-${randomUUID()}`,
      topics: [topic],
      handlers: referralBridgeHandlers(env.client, taskQueue),
    });
    await runner.start();
    const deadline = Date.now() + 60_000;
    while (!(await until()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await runner.stop();
  };
  const submitted = (participantId: string, referralId = randomUUID()) =>
    createEnvelope(
      referralSubmittedV1,
      {
        referralId,
        participantId,
        programmeId: 'blmk-step-into-health',
        programmeVersion: 1,
        referrerOrganisationId: 'org-a',
        eligibility: { decision: 'eligible', reasonCodes: [] },
        deadlines: guidanceDeadlines,
        submittedAt: new Date().toISOString(),
      },
      { source: 'test', subject: participantId, correlationId: 'c' },
    );
  const runsOf = async (workflowId: string): Promise<number> => {
    let n = 0;
    for await (const _ of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      n += 1;
    return n;
  };

  it('when ReferralSubmitted arrives twice (and is re-read by a new group), then one journey runs and it saw the event once', async () => {
    const participantId = randomUUID();
    const event = submitted(participantId);
    await send(event, event);
    const workflowId = journeyWorkflowId(participantId, 'blmk-step-into-health');
    const handle = env.client.workflow.getHandle(workflowId);
    await runBridge(
      async () =>
        await handle.describe().then(
          () => true,
          () => false,
        ),
    );
    await runBridge(() => Promise.resolve(true)); // a second consumer group reads both again
    const state = await handle.query(journeyState);
    expect(state.seenEventIds.filter((id) => id === event.id)).toHaveLength(1);
    expect(state.stage).toBe('engagement');
    expect(await runsOf(workflowId)).toBe(1);
  });

  const withdrawalOf = (event: ReturnType<typeof submitted>) =>
    createEnvelope(
      referralWithdrawnV1,
      {
        referralId: event.data.referralId,
        participantId: event.data.participantId,
        programmeId: 'blmk-step-into-health',
        reasonCode: 'moved-away',
        withdrawnAt: new Date().toISOString(),
      },
      { source: 'test', subject: event.data.participantId, correlationId: 'c' },
    );

  it('when the journey has ended and its ReferralSubmitted is redelivered, then it is not started again', async () => {
    const participantId = randomUUID();
    const event = submitted(participantId);
    const withdrawn = withdrawalOf(event);
    await send(event, withdrawn);
    const handle = env.client.workflow.getHandle(
      journeyWorkflowId(participantId, 'blmk-step-into-health'),
    );
    await runBridge(
      async () => (await handle.describe().catch(() => undefined))?.status.name === 'COMPLETED',
    );
    await send(event);
    await runBridge(() => new Promise((r) => setTimeout(() => r(true), 3_000)));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect(((await handle.result()) as JourneyState).outcomes.map((o) => o.outcome)).toEqual([
      'withdrawn',
    ]);
    expect(await runsOf(handle.workflowId)).toBe(1);
  });

  it('when ReferralWithdrawn arrives before its ReferralSubmitted, then the journey starts withdrawn and goes no further', async () => {
    const participantId = randomUUID();
    const event = submitted(participantId);
    await send(withdrawalOf(event), event); // out of order, as when a dead letter is replayed late
    const handle = env.client.workflow.getHandle(
      journeyWorkflowId(participantId, 'blmk-step-into-health'),
    );
    await runBridge(
      async () => (await handle.describe().catch(() => undefined))?.status.name === 'COMPLETED',
    );
    const final = (await handle.result()) as JourneyState;
    expect(final.outcomes).toEqual([
      expect.objectContaining({ outcome: 'withdrawn', reasonCode: 'moved-away' }),
    ]);
    expect(final.stage).toBe('closed');
    expect(await runsOf(handle.workflowId)).toBe(1);
  });
});
