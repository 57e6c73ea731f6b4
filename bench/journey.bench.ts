/**
 * npm run bench -- journey
 *
 * ReferralSubmitted events, written to an outbox as the referral service does, go through the
 * relay, Kafka and the bridge (signal-with-start) to journeys on the Temporal dev server, whose
 * worker runs in this process. Measures the latency from the referral being accepted (the event's
 * time) to its journey running (its first step), at 50 referrals/s, with the time each hop took;
 * next to it, in the same run, a bare loop calling signal-with-start on the same server at the
 * same rate (the baseline: what Temporal alone takes to the first step); and journeys started per
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
import {
  journeyWorkflowId,
  journeyWorkflowType,
  referralSubmitted,
  type JourneyInput,
} from '@ladder/workflow-contracts';
import {
  HopRecorder,
  observeKafka,
  recordHistories,
  sampleHorizon,
  timedSubscriptions,
} from './lib/journey-hops.js';
import { paced } from './lib/paced.js';
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

  // When each referral passed each hop, by referral id (firstStep: its journey's first step).
  const hops = new HopRecorder();
  const taskQueue = 'bench-journeys';
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: stack.endpoints.temporal.address }),
    taskQueue,
    workflowsPath,
    maxConcurrentWorkflowTaskExecutions: 100,
    activities: {
      publishJourneyEvents: (input: PublishJourneyEventsInput) => {
        hops.set(input.referralId, 'firstStep', Date.now());
        return Promise.resolve();
      },
    },
  });
  const running = worker.run();
  const client = new Client({
    connection: await Connection.connect({ address: stack.endpoints.temporal.address }),
  });
  // The relay and the bridge on pools of their own, as in production (the referral service's
  // relay, the worker's bridge), named so the horizon sampler can tell them apart.
  const relayPool = createPool(databaseUrl, { max: 10, applicationName: 'relay' });
  const bridgePool = createPool(databaseUrl, { max: 10, applicationName: 'bridge' });
  const relay = new OutboxRelay({ pool: relayPool, databaseUrl, kafka, logger });
  const bridge = new ConsumerRunner({
    kafka,
    pool: bridgePool,
    logger,
    groupId: 'bench-bridge',
    topics: [topic],
    handlers: timedSubscriptions(referralBridgeHandlers(client, taskQueue), hops),
    partitionsConsumedConcurrently: 6,
  });
  const stopObserving = await observeKafka(kafka, topic.name, hops);
  await relay.start();
  await bridge.start();

  const participantOf = new Map<string, string>();
  const refer = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    const messages = Array.from({ length: count }, () => {
      const referralId = randomUUID();
      const participantId = randomUUID();
      ids.push(referralId);
      participantOf.set(referralId, participantId);
      const now = new Date();
      hops.set(referralId, 'accepted', now.getTime());
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
  /** The baseline: signal-with-start of the same workflow, straight from this process. */
  const startBare = async (): Promise<string> => {
    const referralId = randomUUID();
    const participantId = randomUUID();
    participantOf.set(referralId, participantId);
    const now = new Date();
    hops.set(referralId, 'accepted', now.getTime());
    const input: JourneyInput = {
      referralId,
      participantId,
      programmeId: 'bench',
      referrerOrganisationId: 'org',
      eligible: true,
      deadlines: guidanceDeadlines,
      submittedAt: now.toISOString(),
      bankHolidays: [],
    };
    await client.workflow.signalWithStart(journeyWorkflowType, {
      workflowId: journeyWorkflowId(participantId, 'bench'),
      taskQueue,
      args: [input],
      memo: { referralId },
      signal: referralSubmitted,
      signalArgs: [{ eventId: randomUUID() }],
    });
    hops.set(referralId, 'bridgeAnswered', Date.now());
    return referralId;
  };
  const ran = (id: string): boolean => hops.get(id).firstStep !== undefined;
  const allRan = async (ids: string[], timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !ran(id)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  };
  /** Calls `one` `rate` times a second for `seconds`, then waits for the journeys to run. */
  const pacedRun = async (one: () => Promise<string>): Promise<string[]> => {
    const { results: ids } = await paced(rate * seconds, rate, one);
    await allRan(ids, 120_000);
    return ids;
  };
  const latenciesOf = (ids: string[]): number[] =>
    ids.filter(ran).map((id) => hops.get(id).firstStep! - hops.get(id).accepted!);

  progress('warm-up: 50 journeys');
  await allRan(await refer(50), 60_000);

  progress(`baseline: bare signal-with-start, ${rate}/s for ${seconds} s`);
  const bare = await pacedRun(startBare);

  progress(`latency: ${rate} referrals/s for ${seconds} s`);
  const stopSampling = sampleHorizon(databaseUrl);
  const ladder = await pacedRun(async () => (await refer(1))[0]!);
  const horizon = await stopSampling();

  // The outbox's own clock for its hops (the database runs on this machine: one clock).
  const { rows: relayed } = await pool.query<{ id: string; created: number; published: number }>(
    `select payload->'data'->>'referralId' as id,
       extract(epoch from created_at)::float8 * 1000 as created,
       extract(epoch from published_at)::float8 * 1000 as published
     from ladder_outbox where payload->'data'->>'referralId' = any($1::text[])`,
    [ladder],
  );
  for (const row of relayed) {
    hops.set(row.id, 'outboxWritten', row.created);
    hops.set(row.id, 'relayRead', row.published);
  }
  const relayMs = relayed.map((r) => r.published - r.created);
  progress("reading the journeys' histories");
  const journeysOf = (ids: string[]) =>
    ids.map((referralId) => ({
      referralId,
      workflowId: journeyWorkflowId(participantOf.get(referralId)!, 'bench'),
    }));
  await recordHistories(client, journeysOf([...bare, ...ladder]), hops);

  progress(`burst: ${burst} referrals at once`);
  const burstStarted = Date.now();
  const burstIds = await refer(burst);
  await allRan(burstIds, 300_000);
  const burstRan = burstIds.filter(ran);
  const burstSeconds =
    (Math.max(...burstRan.map((id) => hops.get(id).firstStep!)) - burstStarted) / 1000;

  await bridge.stop();
  await relay.stop();
  await stopObserving();
  worker.shutdown();
  await running;
  await Promise.all([pool.end(), relayPool.end(), bridgePool.end()]);

  const latencies = latenciesOf(ladder);
  const baseline = latenciesOf(bare);
  const p99 = percentile(latencies, 99);
  writeResult('journey', {
    command: 'npm run bench -- journey',
    startsPerSec: round(burstRan.length / burstSeconds, 1),
    burst,
    burstStarted: burstRan.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: p99,
    baselineP50Ms: percentile(baseline, 50),
    baselineP99Ms: percentile(baseline, 99),
    ratePerSec: rate,
    pacedReferrals: ladder.length,
    pacedStarted: latencies.length,
    relayMs: { p50: round(percentile(relayMs, 50), 1), p99: round(percentile(relayMs, 99), 1) },
    hops: hops.summary(ladder),
    baselineHops: hops.summary(bare),
    // Which transaction held the oldest transaction id (the relay's horizon) during the paced run.
    oldestXidHolder: horizon,
    goals: {
      p99MsUnder: 250,
      atRatePerSec: 50,
      met: p99 < 250 && latencies.length === ladder.length,
    },
  });
} finally {
  await stack.stop();
}
