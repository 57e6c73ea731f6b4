import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createPool, migrate, type Pool } from '@ladder/db';
import {
  createEnvelope,
  referralSubmittedV1,
  trainingPlaceRequestedV1,
  type EventEnvelope,
  type TopicDefinition,
} from '@ladder/events';
import { ConsumerRunner, createKafka, ensureTopics, type EventSubscription } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import {
  connectToDevServer,
  createTestDatabase,
  testStack,
  uniqueTaskQueue,
  uniqueTopic,
  type TestDatabase,
} from '@ladder/testing';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { journeyState, journeyWorkflowId, type JourneyState } from '@ladder/workflow-contracts';
import { concurrentByParticipant } from '../src/bridge/by-participant.js';
import { referralBridgeHandlers } from '../src/bridge/referral-bridge.js';
import { trainingBridgeHandlers } from '../src/bridge/training-bridge.js';
import { workerMigrationsDir, workflowsPath } from '../src/worker.js';

/**
 * The bridge handling a batch participant by participant at once (dev server, real Kafka and
 * PostgreSQL): every participant's events reach their journey, in their order, and once.
 */
describe('the bridge signalling several participants of one batch at once', () => {
  const logger = createLogger({ name: 'bridge-batch-test', level: 'silent' });
  const programmeId = 'blmk-step-into-health';
  const name = uniqueTopic('test.bridge-batch');
  const topic: TopicDefinition = {
    name,
    partitions: 1,
    retentionMs: 3_600_000,
    deadLetterTopic: `${name}.dlq`,
    deadLetterRetentionMs: 3_600_000,
    description: 'test',
  };
  const taskQueue = uniqueTaskQueue('bridge-batch');
  const kafka = createKafka({
    brokers: testStack().kafka.brokers,
    clientId: 'bridge-batch',
    logger,
  });
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let pool: Pool;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await connectToDevServer();
    db = await createTestDatabase('bridge_batch');
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

  /** All in one request, so the runner fetches them as one batch of the one partition. */
  const send = async (envelopes: EventEnvelope[]): Promise<void> => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  };
  const submitted = (participantId: string) =>
    createEnvelope(
      referralSubmittedV1,
      {
        referralId: randomUUID(),
        participantId,
        programmeId,
        programmeVersion: 1,
        referrerOrganisationId: 'org-a',
        eligibility: { decision: 'eligible', reasonCodes: [] },
        deadlines: guidanceDeadlines,
        submittedAt: new Date().toISOString(),
      },
      { source: 'test', subject: participantId, correlationId: 'c' },
    );
  const placeRequested = (participantId: string) =>
    createEnvelope(
      trainingPlaceRequestedV1,
      {
        placeId: randomUUID(),
        participantId,
        programmeId,
        intakeId: randomUUID(),
        courseId: randomUUID(),
        providerOrganisationId: 'provider-a',
        occurredAt: new Date().toISOString(),
        requestedBy: 'programme-operator',
        requestedByOrganisationId: 'operator-a',
      },
      { source: 'test', subject: participantId, correlationId: 'c' },
    );
  /** Two participants' events, interleaved as they would be on one partition. */
  const twoParticipants = () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const ofA = [submitted(a), placeRequested(a), placeRequested(a), placeRequested(a)];
    const ofB = [submitted(b), placeRequested(b), placeRequested(b)];
    const batch = [ofA[0]!, ofB[0]!, ofA[1]!, ofB[1]!, ofA[2]!, ofB[2]!, ofA[3]!];
    return { a, b, ofA, ofB, batch };
  };
  const stateOf = (participantId: string): Promise<JourneyState | undefined> =>
    env.client.workflow
      .getHandle(journeyWorkflowId(participantId, programmeId))
      .query(journeyState)
      .catch(() => undefined);
  /** Runs the bridge until both journeys have seen `counts` events, then stops it. */
  const runBridge = async (
    handlers: EventSubscription[],
    expected: { participantId: string; events: number }[],
  ): Promise<void> => {
    const runner = new ConsumerRunner({
      kafka,
      pool,
      logger,
      groupId: `bridge-batch-${randomUUID()}`,
      topics: [topic],
      handlers,
      retryDelayMs: () => 20,
    });
    await runner.start();
    const deadline = Date.now() + 60_000;
    const done = async () => {
      for (const { participantId, events } of expected)
        if (((await stateOf(participantId))?.seenEventIds.length ?? 0) < events) return false;
      return true;
    };
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Let anything still in flight (a duplicate would be) reach the journeys first.
    await new Promise((r) => setTimeout(r, 1_000));
    await runner.stop();
  };
  const bridge = (): EventSubscription[] =>
    concurrentByParticipant([
      ...referralBridgeHandlers(env.client, taskQueue),
      ...trainingBridgeHandlers(env.client),
    ]);
  /** What the journey recorded of each training event: a milestone or a refusal, once each. */
  const recorded = (state: JourneyState | undefined) =>
    (state?.milestones.filter((m) => m.code === 'training-place-requested').length ?? 0) +
    (state?.refusals.filter((r) => r.code === 'training-place-requested').length ?? 0);

  it('when two participants share a batch, then both are signalled and each one in its order', async () => {
    const { a, b, ofA, ofB, batch } = twoParticipants();
    await send(batch);

    await runBridge(bridge(), [
      { participantId: a, events: ofA.length },
      { participantId: b, events: ofB.length },
    ]);

    expect((await stateOf(a))?.seenEventIds).toEqual(ofA.map((e) => e.id));
    expect((await stateOf(b))?.seenEventIds).toEqual(ofB.map((e) => e.id));
  });

  it('when a batch fails mid-way and is handled again, then each milestone is recorded once', async () => {
    const { a, b, ofA, ofB, batch } = twoParticipants();
    const failing = batch.at(-1)!; // a's last: b's events and a's earlier ones are signalled first
    const attempts = new Map<string, number>();
    const failOnce = (subscriptions: EventSubscription[]): EventSubscription[] =>
      subscriptions.map(({ definition, handle }) => ({
        definition,
        handle: async (events, context) => {
          for (const event of events) attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
          if (events.some((e) => e.id === failing.id) && attempts.get(failing.id) === 1)
            throw new Error('Temporal unavailable (test)');
          await handle(events, context);
        },
      }));
    await send(batch);

    await runBridge(
      concurrentByParticipant(
        failOnce([
          ...referralBridgeHandlers(env.client, taskQueue),
          ...trainingBridgeHandlers(env.client),
        ]),
      ),
      [
        { participantId: a, events: ofA.length },
        { participantId: b, events: ofB.length },
      ],
    );

    // the batch did fail and was handled again: some events were signalled twice
    expect(attempts.get(failing.id)).toBe(2);
    expect([...attempts.values()].filter((n) => n > 1).length).toBeGreaterThan(1);
    const [stateA, stateB] = [await stateOf(a), await stateOf(b)];
    expect(stateA?.seenEventIds).toEqual(ofA.map((e) => e.id));
    expect(stateB?.seenEventIds).toEqual(ofB.map((e) => e.id));
    expect(recorded(stateA)).toBe(ofA.length - 1);
    expect(recorded(stateB)).toBe(ofB.length - 1);
    const processed = await pool.query<{ event_id: string }>(
      'select event_id from ladder_processed_events where event_id = any($1::uuid[])',
      [batch.map((e) => e.id)],
    );
    expect(processed.rows.map((r) => r.event_id).sort()).toEqual(batch.map((e) => e.id).sort());
  });
});
