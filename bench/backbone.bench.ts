/**
 * npm run bench -- backbone
 *
 * The event backbone (outbox -> relay -> Kafka -> consumer runner with a handler that writes one
 * row per event, each event recorded as processed) next to a bare kafkajs produce-and-consume
 * loop, both on the same real PostgreSQL and Kafka in the same run. Writes bench/results/backbone.json.
 */
import { z } from 'zod';
import {
  appendToOutbox,
  createPool,
  migrate,
  withTransaction,
  type OutboxMessage,
  type Pool,
} from '@ladder/db';
import {
  createEnvelope,
  createEventParser,
  defineEvent,
  type TopicDefinition,
} from '@ladder/events';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, type Kafka } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { median, percentile, round } from './lib/stats.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack, createDatabase } from './lib/stack.js';

const throughputEvents = Number(process.env.BENCH_EVENTS ?? 30_000);
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 15);
const latencyRate = 1_000;
const logger = createLogger({ name: 'bench', level: 'warn' });

const topicDef = (name: string): TopicDefinition => ({
  name,
  partitions: 6,
  retentionMs: 3_600_000,
  deadLetterTopic: `${name}.dlq`,
  deadLetterRetentionMs: 3_600_000,
  description: 'bench',
});
const benchEvent = (topic: TopicDefinition) =>
  defineEvent({
    type: 'BenchEventHappened',
    version: 1,
    topic,
    description: 'bench',
    data: z.object({ seq: z.number().int(), note: z.string() }),
  });

/** A payload the size of a real event envelope (about 400 bytes). */
const note = 'x'.repeat(180);

async function bareLoop(kafka: Kafka, run: number): Promise<number> {
  const topic = topicDef(`bench.bare.${run}.${Date.now()}`);
  await ensureTopics(kafka, [topic]);
  const value = JSON.stringify(
    createEnvelope(
      benchEvent(topic),
      { seq: 0, note },
      { source: 'bench', subject: 'k', correlationId: 'c' },
    ),
  );
  const consumer = kafka.consumer({ groupId: `${topic.name}.group` });
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: true });
  let received = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= throughputEvents) resolve(Date.now());
        return Promise.resolve();
      },
    });
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = Date.now();
  for (let first = 0; first < throughputEvents; first += 500) {
    const messages = Array.from({ length: Math.min(500, throughputEvents - first) }, (_, i) => ({
      key: `key-${(first + i) % 200}`,
      value,
    }));
    await producer.send({ topic: topic.name, acks: -1, messages });
  }
  const finished = await done;
  await producer.disconnect();
  await consumer.disconnect();
  return throughputEvents / ((finished - started) / 1000);
}

interface Backbone {
  pool: Pool;
  relay: OutboxRelay;
  runner: ConsumerRunner;
  topic: TopicDefinition;
  handled: () => number;
  latencies: number[];
}

async function startBackbone(kafka: Kafka, databaseUrl: string, name: string): Promise<Backbone> {
  await migrate({ databaseUrl });
  const pool = createPool(databaseUrl, { max: 10 });
  const topic = topicDef(`bench.${name}.${Date.now()}`);
  await ensureTopics(kafka, [topic]);
  const event = benchEvent(topic);
  let handled = 0;
  const latencies: number[] = [];
  const relay = new OutboxRelay({ pool, databaseUrl, kafka, logger });
  const runner = new ConsumerRunner({
    kafka,
    pool,
    logger,
    groupId: `${topic.name}.group`,
    topics: [topic],
    parse: createEventParser([event], []),
    handlers: {
      // The handler does no work of its own: what is measured is the backbone's (outbox, relay,
      // Kafka, parsing, and recording each event id as processed in the handler's transaction).
      BenchEventHappened: (e) => {
        handled += 1;
        latencies.push(Date.now() - Date.parse(e.occurredAt));
        return Promise.resolve();
      },
    },
  });
  await relay.start();
  await runner.start();
  return { pool, relay, runner, topic, handled: () => handled, latencies };
}

async function stopBackbone(b: Backbone): Promise<void> {
  await b.runner.stop();
  await b.relay.stop();
  await b.pool.end();
}

async function writeEvents(b: Backbone, from: number, count: number): Promise<void> {
  const event = benchEvent(b.topic);
  const messages: OutboxMessage[] = Array.from({ length: count }, (_, i) => ({
    topic: b.topic.name,
    envelope: createEnvelope(
      event,
      { seq: from + i, note },
      { source: 'bench', subject: `key-${(from + i) % 200}`, correlationId: 'c' },
    ),
  }));
  await withTransaction(b.pool, (tx) => appendToOutbox(tx, messages));
}

async function waitForHandled(b: Backbone, count: number): Promise<number> {
  while (b.handled() < count) await new Promise((r) => setTimeout(r, 5));
  return Date.now();
}

async function backboneThroughput(kafka: Kafka, adminUrl: string, run: number): Promise<number> {
  const b = await startBackbone(
    kafka,
    await createDatabase(adminUrl, `bench_throughput_${run}`),
    `throughput${run}`,
  );
  const started = Date.now();
  for (let first = 0; first < throughputEvents; first += 500)
    await writeEvents(b, first, Math.min(500, throughputEvents - first));
  const finished = await waitForHandled(b, throughputEvents);
  await stopBackbone(b);
  return throughputEvents / ((finished - started) / 1000);
}

async function backboneLatency(
  kafka: Kafka,
  adminUrl: string,
): Promise<{ p50: number; p99: number; events: number }> {
  const b = await startBackbone(kafka, await createDatabase(adminUrl, 'bench_latency'), 'latency');
  const tickMs = 10;
  const perTick = (latencyRate * tickMs) / 1000;
  const ticks = (latencySeconds * 1000) / tickMs;
  const started = Date.now();
  for (let tick = 0; tick < ticks; tick += 1) {
    await writeEvents(b, tick * perTick, perTick);
    const next = started + (tick + 1) * tickMs;
    if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
  }
  const total = ticks * perTick;
  await waitForHandled(b, total);
  await stopBackbone(b);
  const measured = b.latencies.slice(Math.floor(b.latencies.length * 0.1)); // skip warm-up
  return { p50: percentile(measured, 50), p99: percentile(measured, 99), events: total };
}

const stack = await benchStack(['postgres', 'kafka']);
try {
  const kafka = createKafka({ brokers: stack.endpoints.kafka.brokers, clientId: 'bench', logger });
  const bare: number[] = [];
  const backbone: number[] = [];
  for (let run = 1; run <= 3; run += 1) {
    progress(`run ${run}/3: bare kafkajs loop, ${throughputEvents} messages`);
    bare.push(await bareLoop(kafka, run));
    progress(
      `run ${run}/3: backbone, ${throughputEvents} events through outbox, relay, Kafka and handler`,
    );
    backbone.push(await backboneThroughput(kafka, stack.endpoints.postgres.url, run));
    progress(
      `run ${run}/3: bare ${round(bare.at(-1)!, 0)}/s, backbone ${round(backbone.at(-1)!, 0)}/s`,
    );
  }
  progress(`latency at ${latencyRate} events/s for ${latencySeconds} s`);
  const latency = await backboneLatency(kafka, stack.endpoints.postgres.url);
  const eventsPerSec = median(backbone);
  const baselineEventsPerSec = median(bare);
  writeResult('backbone', {
    command: 'npm run bench -- backbone',
    eventsPerSec: round(eventsPerSec, 0),
    baselineEventsPerSec: round(baselineEventsPerSec, 0),
    ratio: round(eventsPerSec / baselineEventsPerSec, 2),
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    latencyRatePerSec: latencyRate,
    latencyEvents: latency.events,
    throughputEventsPerRun: throughputEvents,
    runs: { backbone: backbone.map((v) => round(v, 0)), bare: bare.map((v) => round(v, 0)) },
    goals: {
      ratioAtLeast: 0.5,
      p99MsUnder: 250,
      met: eventsPerSec / baselineEventsPerSec >= 0.5 && latency.p99 < 250,
    },
  });
} finally {
  await stack.stop();
}
