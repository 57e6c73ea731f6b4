import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendToOutbox, createPool, migrate, withTransaction, type Pool } from '@ladder/db';
import { createEnvelope, referralSubmittedV1, type TopicDefinition } from '@ladder/events';
import { createHttpApp, type HttpApp } from '@ladder/http';
import { ConsumerRunner, createKafka, ensureTopics, OutboxRelay } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import {
  connectToDevServer,
  createTestDatabase,
  testStack,
  uniqueTaskQueue,
  uniqueTopic,
  type TestDatabase,
} from '@ladder/testing';
import {
  startTracing,
  temporalClientInterceptors,
  traceparentFor,
  type Tracing,
} from '@ladder/tracing';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { createJourneyActivities } from '../src/activities/journey.activities.js';
import { referralBridgeHandlers } from '../src/bridge/referral-bridge.js';
import { createJourneyWorker, workerMigrationsDir } from '../src/worker.js';

const traceIdOf = (traceparent: string): string => traceparent.split('-')[1]!;

/**
 * One trace from an HTTP request to the journey's next event, through the real outbox, Kafka, the
 * bridge's consumer, Temporal (dev server) and the journey's activity, in one process so that every
 * span reaches one in-memory exporter.
 */
describe('tracing across HTTP, Kafka and the journey workflow', () => {
  const logger = createLogger({ name: 'tracing-test', level: 'silent' });
  const name = uniqueTopic('test.referrals');
  const topic: TopicDefinition = {
    name,
    partitions: 1,
    retentionMs: 3_600_000,
    deadLetterTopic: `${name}.dlq`,
    deadLetterRetentionMs: 3_600_000,
    description: 'test',
  };
  const taskQueue = uniqueTaskQueue('tracing');
  const kafka = createKafka({ brokers: testStack().kafka.brokers, clientId: 'tracing', logger });
  const spans = new InMemorySpanExporter();
  let tracing: Tracing;
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let pool: Pool;
  let worker: Worker;
  let running: Promise<void>;
  let relay: OutboxRelay;
  let bridge: ConsumerRunner;
  let app: HttpApp;

  beforeAll(async () => {
    tracing = startTracing({
      serviceName: 'tracing-test',
      spanProcessor: new SimpleSpanProcessor(spans),
    });
    env = await connectToDevServer();
    db = await createTestDatabase('tracing');
    await migrate({ databaseUrl: db.url, dir: workerMigrationsDir });
    pool = createPool(db.url);
    await ensureTopics(kafka, [topic]);
    worker = await createJourneyWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createJourneyActivities({ pool }),
      dataConverter: {},
      tracing,
    });
    running = worker.run();
    const client = new Client({
      connection: env.connection,
      namespace: env.namespace ?? 'default',
      interceptors: temporalClientInterceptors(),
    });
    relay = new OutboxRelay({ pool, databaseUrl: db.url, kafka, logger });
    bridge = new ConsumerRunner({
      kafka,
      pool,
      logger,
      groupId: `tracing-${randomUUID()}`,
      topics: [topic],
      handlers: referralBridgeHandlers(client, taskQueue),
    });
    await Promise.all([relay.start(), bridge.start()]);
    // A route that does what the referral service's does: write its event in a transaction.
    app = await createHttpApp({ logger, title: 'tracing test', version: '1.0.0' });
    app.post('/referrals', async (request, reply) => {
      const participantId = randomUUID();
      const traceparent = traceparentFor(request.headers.traceparent);
      const envelope = createEnvelope(
        referralSubmittedV1,
        {
          referralId: randomUUID(),
          participantId,
          programmeId: 'blmk-step-into-health',
          programmeVersion: 1,
          referrerOrganisationId: 'org-a',
          eligibility: { decision: 'eligible', reasonCodes: [] },
          deadlines: guidanceDeadlines,
          submittedAt: new Date().toISOString(),
        },
        {
          source: 'test',
          subject: participantId,
          correlationId: request.id,
          ...(traceparent ? { traceparent } : {}),
        },
      );
      await withTransaction(pool, (tx) => appendToOutbox(tx, [{ topic: topic.name, envelope }]));
      return reply.code(201).send({ participantId });
    });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await bridge?.stop();
    await relay?.stop();
    worker?.shutdown();
    await running;
    await pool?.end();
    await db?.drop();
    await env?.teardown();
    await tracing?.shutdown();
  });

  it('when a request writes an event that starts a journey, then the request, the consumer, Temporal and the next event share one trace', async () => {
    const response = await app.inject({ method: 'POST', url: '/referrals' });
    expect(response.statusCode).toBe(201);
    const { participantId } = response.json<{ participantId: string }>();

    const request = spans.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER);
    expect(request, 'the request has a server span').toBeDefined();
    const traceId = request!.spanContext().traceId;

    // The journey's first event, written by its activity, carries the same trace.
    const next = await vi.waitFor(
      async () => {
        const { rows } = await pool.query<{ traceparent: string | null }>(
          `select payload->>'traceparent' as traceparent from ladder_outbox
           where payload->>'type' = 'JourneyStageChanged' and message_key = $1`,
          [participantId],
        );
        expect(rows.length).toBeGreaterThan(0);
        return rows[0]!;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(next.traceparent && traceIdOf(next.traceparent)).toBe(traceId);

    const inTrace = (): string[] =>
      spans
        .getFinishedSpans()
        .filter((s) => s.spanContext().traceId === traceId)
        .map((s) => s.name);
    await vi.waitFor(
      () => {
        const names = inTrace();
        expect(names).toContain('consume ReferralSubmitted');
        expect(names.some((n) => n.startsWith('SignalWithStartWorkflow'))).toBe(true);
        expect(names.some((n) => n.startsWith('RunActivity:publishJourneyEvents'))).toBe(true);
        // A span from inside the workflow sandbox, handed out through the worker's sink.
        expect(names.some((n) => n.startsWith('StartActivity:publishJourneyEvents'))).toBe(true);
      },
      { timeout: 30_000, interval: 200 },
    );
  }, 120_000);
});
