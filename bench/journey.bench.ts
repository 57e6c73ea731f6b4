/**
 * npm run bench -- journey
 *
 * ReferralSubmitted events, written to an outbox as the referral service does, go through the
 * relay, Kafka and the bridge (signal-with-start) to journeys on the Temporal dev server, whose
 * worker runs in this process. Measures the latency from the referral being accepted (the event's
 * time) to its journey running (its first step), at 50 referrals/s, and journeys started per
 * second in a burst. Writes bench/results/journey.json.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { appendToOutbox, createPool, migrate, withTransaction } from '@ladder/db';
import { createEnvelope, referralSubmittedV3, type TopicDefinition } from '@ladder/events';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { guidanceDeadlines } from '@ladder/vocabulary';
import {
  referralBridgeHandlers,
  workerMigrationsDir,
  workflowsPath,
  type PublishJourneyEventsInput,
} from '@ladder/workflows';
import { percentile, round } from './lib/stats.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack, createDatabase } from './lib/stack.js';

const rate = Number(process.env.BENCH_RATE ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const burst = Number(process.env.BENCH_BURST ?? 500);
const logger = createLogger({ name: 'bench', level: 'warn' });

const stack = await benchStack(['postgres', 'kafka', 'temporal']);
try {
  const databaseUrl = await createDatabase(stack.endpoints.postgres.url, 'bench_journey');
  await migrate({ databaseUrl, dir: workerMigrationsDir });
  const pool = createPool(databaseUrl, { max: 10 });
  const kafka = createKafka({ brokers: stack.endpoints.kafka.brokers, clientId: 'bench', logger });
  const topic: TopicDefinition = {
    name: `bench.referrals.${Date.now()}`,
    partitions: 6,
    retentionMs: 3_600_000,
    deadLetterTopic: 'bench.referrals.dlq',
    deadLetterRetentionMs: 3_600_000,
    description: 'bench',
  };
  await ensureTopics(kafka, [topic]);

  // When each journey first ran (its first published step), by referral id.
  const firstStep = new Map<string, number>();
  const submittedAt = new Map<string, number>();
  const taskQueue = 'bench-journeys';
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: stack.endpoints.temporal.address }),
    taskQueue,
    workflowsPath,
    maxConcurrentWorkflowTaskExecutions: 100,
    activities: {
      publishJourneyEvents: (input: PublishJourneyEventsInput) => {
        if (!firstStep.has(input.referralId)) firstStep.set(input.referralId, Date.now());
        return Promise.resolve();
      },
    },
  });
  const running = worker.run();
  const client = new Client({
    connection: await Connection.connect({ address: stack.endpoints.temporal.address }),
  });
  const relay = new OutboxRelay({ pool, databaseUrl, kafka, logger });
  const bridge = new ConsumerRunner({
    kafka,
    pool,
    logger,
    groupId: 'bench-bridge',
    topics: [topic],
    handlers: referralBridgeHandlers(client, taskQueue),
    partitionsConsumedConcurrently: 6,
  });
  await relay.start();
  await bridge.start();

  const refer = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    const messages = Array.from({ length: count }, () => {
      const referralId = randomUUID();
      const participantId = randomUUID();
      ids.push(referralId);
      const now = new Date();
      submittedAt.set(referralId, now.getTime());
      return {
        topic: topic.name,
        envelope: createEnvelope(
          referralSubmittedV3,
          {
            referralId,
            participantId,
            programmeId: 'bench',
            programmeVersion: 1,
            referrerOrganisationId: 'org',
            eligibility: { decision: 'eligible', reasonCodes: [] },
            deadlines: guidanceDeadlines,
            bankHolidayRegion: 'england-and-wales',
            submittedAt: now.toISOString(),
          },
          { source: 'bench', subject: participantId, correlationId: referralId, occurredAt: now },
        ),
      };
    });
    await withTransaction(pool, (tx) => appendToOutbox(tx, messages));
    return ids;
  };
  const allRan = async (ids: string[], timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !firstStep.has(id)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  };

  progress('warm-up: 50 journeys');
  await allRan(await refer(50), 60_000);

  progress(`latency: ${rate} referrals/s for ${seconds} s`);
  const paced: string[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    paced.push(...(await refer(1)));
    const next = started + ((i + 1) * 1000) / rate;
    if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
  }
  await allRan(paced, 120_000);
  const latencies = paced
    .filter((id) => firstStep.has(id))
    .map((id) => firstStep.get(id)! - submittedAt.get(id)!);
  // The relay's share of that: from the outbox write to its publish, by the database's clock.
  const { rows: relayed } = await pool.query<{ ms: number }>(
    `select extract(epoch from published_at - created_at)::float8 * 1000 as ms from ladder_outbox
     where payload->'data'->>'referralId' = any($1::text[])`,
    [paced],
  );
  const relayMs = relayed.map((r) => r.ms);

  progress(`burst: ${burst} referrals at once`);
  const burstStarted = Date.now();
  const burstIds = await refer(burst);
  await allRan(burstIds, 300_000);
  const burstRan = burstIds.filter((id) => firstStep.has(id));
  const burstSeconds =
    (Math.max(...burstRan.map((id) => firstStep.get(id)!)) - burstStarted) / 1000;

  await bridge.stop();
  await relay.stop();
  worker.shutdown();
  await running;
  await pool.end();

  const p99 = percentile(latencies, 99);
  writeResult('journey', {
    command: 'npm run bench -- journey',
    startsPerSec: round(burstRan.length / burstSeconds, 1),
    burst,
    burstStarted: burstRan.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: p99,
    ratePerSec: rate,
    pacedReferrals: paced.length,
    pacedStarted: latencies.length,
    relayMs: { p50: round(percentile(relayMs, 50), 1), p99: round(percentile(relayMs, 99), 1) },
    goals: {
      p99MsUnder: 500,
      atRatePerSec: 50,
      met: p99 < 500 && latencies.length === paced.length,
    },
  });
} finally {
  await stack.stop();
}
