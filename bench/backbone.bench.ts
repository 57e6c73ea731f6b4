/**
 * npm run bench -- backbone
 *
 * The event backbone (outbox -> relay -> Kafka -> consumer runner whose handler inserts one row
 * per event in its transaction, each event also recorded as processed) next to a bare kafkajs
 * produce-and-consume loop, both on the same real PostgreSQL and Kafka in the same process and
 * run. Writes bench/results/backbone.json.
 *
 * Knobs (environment, all optional; the defaults are the production defaults where one exists):
 *   BENCH_EVENTS            events per throughput run (30000)
 *   BENCH_RUNS              throughput runs of each kind, alternating (3)
 *   BENCH_LATENCY_SECONDS   length of the fixed-rate latency run (20)
 *   BENCH_PER_TX            events per outbox transaction in the throughput runs (100)
 *   BENCH_WRITERS           transactions writing to the outbox at once in the throughput runs (4)
 *   BENCH_HANDLER_INSERT    0: the handler writes nothing (to see what its insert costs) (1)
 *   BENCH_HANDLER           batch: a batch handler writes a run's rows in one statement;
 *                           each: a one-event handler writes one row per statement (batch)
 *   BENCH_PARTITIONS        partitions of the bench topic (6)
 *   BENCH_POOL_MAX          pg pool size shared by relay and consumer runner (10)
 *   BENCH_RELAY_BATCH       OutboxRelay batchSize (relay default)
 *   BENCH_RELAY_LANES       OutboxRelay lanes (relay default)
 *   BENCH_CONCURRENCY       ConsumerRunner partitionsConsumedConcurrently (runner default)
 *   BENCH_CONSUMER_CONFIG   JSON merged into every kafkajs consumer config, e.g.
 *                           '{"maxBytesPerPartition":4194304}' (bench-only experiments)
 *   BENCH_PRODUCER_CONFIG   JSON merged into every kafkajs producer config
 *   BENCH_PROFILE           a folder: write CPU profiles of this process's backbone runs there
 */
import {
  appendToOutbox,
  createPool,
  migrate,
  withTransaction,
  type OutboxMessage,
  type Pool,
  type PoolClient,
} from '@ladder/db';
import type { EventEnvelope, TopicDefinition } from '@ladder/events';
import {
  ConsumerRunner,
  OutboxRelay,
  createKafka,
  ensureTopics,
  on,
  onBatch,
  type Kafka,
} from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { median, percentile, round } from './lib/stats.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack, createDatabase } from './lib/stack.js';
import { profiled } from './lib/profile.js';
import { topStatements } from './lib/pg-statements.js';
import { CpuMeter, cpuMsPer } from './lib/cpu.js';
import { bareKafkaLoop, type BareLoopRun } from './lib/bare-kafka-loop.js';
import { benchEnvelope, benchEvent, benchTopic } from './lib/bench-events.js';
import { HandledTracker } from './lib/handled-tracker.js';
import { countKafkaRequests, tunedKafka } from './lib/kafka-requests.js';

const env = (name: string): number | undefined =>
  process.env[name] === undefined || process.env[name] === ''
    ? undefined
    : Number(process.env[name]);
const envJson = (name: string): Record<string, unknown> =>
  process.env[name] ? (JSON.parse(process.env[name]) as Record<string, unknown>) : {};

const settings = {
  throughputEvents: env('BENCH_EVENTS') ?? 30_000,
  runs: env('BENCH_RUNS') ?? 3,
  latencySeconds: env('BENCH_LATENCY_SECONDS') ?? 20,
  latencyRatePerSec: 1_000,
  latencyWarmupSeconds: 2,
  perTransaction: env('BENCH_PER_TX') ?? 100,
  writers: env('BENCH_WRITERS') ?? 4,
  handlerInsert: (env('BENCH_HANDLER_INSERT') ?? 1) !== 0,
  handler: process.env.BENCH_HANDLER === 'each' ? ('each' as const) : ('batch' as const),
  bareBatch: 500,
  partitions: env('BENCH_PARTITIONS') ?? 6,
  keys: 200,
  poolMax: env('BENCH_POOL_MAX') ?? 10,
  relayBatchSize: env('BENCH_RELAY_BATCH'),
  relayLanes: env('BENCH_RELAY_LANES'),
  partitionsConsumedConcurrently: env('BENCH_CONCURRENCY'),
  consumerConfig: envJson('BENCH_CONSUMER_CONFIG'),
  producerConfig: envJson('BENCH_PRODUCER_CONFIG'),
};
const logger = createLogger({ name: 'bench', level: 'warn' });
/** CPU spent by this process and by each stack server; set once the stack is up. */
let cpu = new CpuMeter({});
type CpuSeconds = Record<string, number>;

// Whatever happens, the benchmark must end by itself: a last resort if something keeps Node alive.
const forceExitAfter = (ms: number): void =>
  void setTimeout(() => {
    progress('something kept the process alive after the stack stopped; exiting');
    process.exit(process.exitCode ?? 0);
  }, ms).unref();

const topicDef = (name: string): TopicDefinition => benchTopic(name, settings.partitions);
const envelopeOf = (topic: TopicDefinition, seq: number): EventEnvelope =>
  benchEnvelope(topic, seq, settings.keys);

// ---- the backbone ----

interface Backbone {
  pool: Pool;
  relay: OutboxRelay;
  runner: ConsumerRunner;
  topic: TopicDefinition;
  tracker: HandledTracker;
}

async function startBackbone(kafka: Kafka, databaseUrl: string, name: string): Promise<Backbone> {
  await migrate({ databaseUrl });
  const pool = createPool(databaseUrl, { max: settings.poolMax });
  await pool.query(`create table bench_effects (
    event_id uuid primary key, seq int not null, handled_at timestamptz not null default clock_timestamp())`);
  const topic = topicDef(`bench.${name}.${Date.now()}`);
  await ensureTopics(kafka, [topic]);
  const event = benchEvent(topic);
  const tracker = new HandledTracker();
  const recordEffects = async (tx: PoolClient, events: EventEnvelope[]): Promise<void> => {
    const seqs = events.map((e) => (e.data as { seq: number }).seq);
    if (settings.handlerInsert)
      await tx.query(
        'insert into bench_effects (event_id, seq) select * from unnest($1::uuid[], $2::int[])',
        [events.map((e) => e.id), seqs],
      );
    events.forEach((e, i) => tracker.record(tx, seqs[i]!, e.occurredAt));
  };
  const relay = new OutboxRelay({
    pool,
    databaseUrl,
    kafka,
    logger,
    ...(settings.relayBatchSize ? { batchSize: settings.relayBatchSize } : {}),
    ...(settings.relayLanes ? { lanes: settings.relayLanes } : {}),
  });
  const runner = new ConsumerRunner({
    kafka,
    pool,
    logger,
    groupId: `${topic.name}.group`,
    topics: [topic],
    catalogue: [event],
    ...(settings.partitionsConsumedConcurrently
      ? { partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently }
      : {}),
    // A trivial handler: one row per event, in the handler's transaction; the batch handler
    // writes a run's rows in one statement, the one-event handler one statement per event.
    handlers: [
      settings.handler === 'batch'
        ? onBatch(event, (events, { tx }) => recordEffects(tx, events))
        : on(event, (e, { tx }) => recordEffects(tx, [e])),
    ],
  });
  await relay.start();
  await runner.start();
  return { pool, relay, runner, topic, tracker };
}

async function stopBackbone(b: Backbone): Promise<void> {
  await b.runner.stop();
  await b.relay.stop();
  await b.pool.end();
}

async function writeEvents(b: Backbone, from: number, count: number): Promise<void> {
  const messages: OutboxMessage[] = Array.from({ length: count }, (_, i) => ({
    topic: b.topic.name,
    envelope: envelopeOf(b.topic, from + i),
  }));
  await withTransaction(b.pool, (tx) => appendToOutbox(tx, messages));
}

/** Where the time went, from the database's own clock: last write and last publish after the first write. */
async function outboxStages(pool: Pool): Promise<{ writesMs: number; publishedMs: number }> {
  const { rows } = await pool.query<{ writes: number; published: number }>(
    `select extract(epoch from max(created_at) - min(created_at))::float8 * 1000 as writes,
            extract(epoch from max(published_at) - min(created_at))::float8 * 1000 as published
     from ladder_outbox`,
  );
  return { writesMs: round(rows[0]!.writes, 0), publishedMs: round(rows[0]!.published, 0) };
}

interface ThroughputRun {
  eventsPerSec: number;
  writesMs: number;
  publishedMs: number;
  handledMs: number;
  cpuSeconds: CpuSeconds;
  kafkaRequests: Record<string, number>;
}

async function backboneThroughput(
  kafka: Kafka,
  adminUrl: string,
  run: number,
): Promise<ThroughputRun> {
  const n = settings.throughputEvents;
  const b = await startBackbone(
    kafka,
    await createDatabase(adminUrl, `bench_throughput_${run}`),
    `throughput${run}`,
  );
  const cpuDone = cpu.start();
  const requestsDone = countKafkaRequests();
  const started = performance.now();
  let next = 0;
  const writer = async (): Promise<void> => {
    for (let first = next; first < n; first = next) {
      next += settings.perTransaction;
      await writeEvents(b, first, Math.min(settings.perTransaction, n - first));
    }
  };
  await Promise.all(Array.from({ length: settings.writers }, writer));
  const finished = await b.tracker.whenHandled(n);
  const cpuSeconds = cpuDone();
  const kafkaRequests = requestsDone();
  const stages = await outboxStages(b.pool);
  await stopBackbone(b);
  return {
    eventsPerSec: n / ((finished - started) / 1000),
    ...stages,
    handledMs: round(finished - started, 0),
    cpuSeconds,
    kafkaRequests,
  };
}

interface LatencyRun {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  events: number;
  measured: number;
  achievedRatePerSec: number;
  cpuSeconds: CpuSeconds;
  kafkaRequests: Record<string, number>;
}

async function backboneLatency(kafka: Kafka, adminUrl: string): Promise<LatencyRun> {
  const b = await startBackbone(kafka, await createDatabase(adminUrl, 'bench_latency'), 'latency');
  const tickMs = 10;
  const perTick = (settings.latencyRatePerSec * tickMs) / 1000;
  const ticks = (settings.latencySeconds * 1000) / tickMs;
  const total = ticks * perTick;
  const cpuDone = cpu.start();
  const requestsDone = countKafkaRequests();
  const started = performance.now();
  let lastReport = started;
  for (let tick = 0; tick < ticks; tick += 1) {
    await writeEvents(b, tick * perTick, perTick);
    const now = performance.now();
    if (now - lastReport >= 5_000) {
      lastReport = now;
      progress(
        `  latency: ${(tick + 1) * perTick} written, ${b.tracker.handled} handled after ${round((now - started) / 1000, 0)} s`,
      );
    }
    const next = started + (tick + 1) * tickMs;
    if (next > now) await new Promise((r) => setTimeout(r, next - now));
  }
  const writeSeconds = (performance.now() - started) / 1000;
  await b.tracker.whenHandled(total);
  const cpuSeconds = cpuDone();
  const kafkaRequests = requestsDone();
  await stopBackbone(b);
  const warmup = settings.latencyWarmupSeconds * settings.latencyRatePerSec;
  const measured = [...b.tracker.latencyMs].filter(([seq]) => seq >= warmup).map(([, ms]) => ms);
  return {
    p50: percentile(measured, 50),
    p90: percentile(measured, 90),
    p99: percentile(measured, 99),
    max: Math.max(...measured),
    events: total,
    measured: measured.length,
    achievedRatePerSec: round(total / writeSeconds, 0),
    cpuSeconds,
    kafkaRequests,
  };
}

// ---- main ----

const payloadBytes = Buffer.byteLength(JSON.stringify(envelopeOf(topicDef('bench.x'), 12_345)));
/** The settings as run; `default` where the relay's or runner's own default applied. */
const settingsUsed = Object.fromEntries(
  Object.entries({ ...settings, payloadBytes }).map(([key, value]) => [key, value ?? 'default']),
);
progress(`starting a throwaway PostgreSQL and Kafka (settings: ${JSON.stringify(settingsUsed)})`);
const stack = await benchStack(['postgres', 'kafka']);
try {
  cpu = new CpuMeter(Object.fromEntries(stack.servers.map((s) => [s.name, s.pid])));
  const kafka = tunedKafka(
    createKafka({ brokers: stack.endpoints.kafka.brokers, clientId: 'bench', logger }),
    settings,
  );
  const bare: BareLoopRun[] = [];
  const backbone: ThroughputRun[] = [];
  const n = settings.throughputEvents;
  for (let run = 1; run <= settings.runs; run += 1) {
    progress(`run ${run}/${settings.runs}: bare kafkajs loop, ${n} messages`);
    bare.push(
      await bareKafkaLoop(kafka, topicDef(`bench.bare.${run}.${Date.now()}`), {
        events: n,
        batchSize: settings.bareBatch,
        keys: settings.keys,
        cpu,
      }),
    );
    progress(`run ${run}/${settings.runs}: backbone, ${n} events (outbox, relay, Kafka, handler)`);
    backbone.push(
      await profiled(`backbone-throughput-${run}`, () =>
        backboneThroughput(kafka, stack.endpoints.postgres.url, run),
      ),
    );
    const last = backbone.at(-1)!;
    progress(
      `run ${run}/${settings.runs}: bare ${round(bare.at(-1)!.eventsPerSec, 0)}/s, backbone ${round(last.eventsPerSec, 0)}/s ` +
        `(written by ${last.writesMs} ms, published by ${last.publishedMs} ms, handled by ${last.handledMs} ms)`,
    );
  }
  const adminPool = createPool(stack.endpoints.postgres.url, { max: 1 });
  const statements = await topStatements(adminPool).finally(() => adminPool.end());
  progress(
    `latency at ${settings.latencyRatePerSec} events/s for ${settings.latencySeconds} s ` +
      `(first ${settings.latencyWarmupSeconds} s are warm-up)`,
  );
  const latency = await profiled('backbone-latency', () =>
    backboneLatency(kafka, stack.endpoints.postgres.url),
  );
  const eventsPerSec = median(backbone.map((r) => r.eventsPerSec));
  const baselineEventsPerSec = median(bare.map((r) => r.eventsPerSec));
  /** CPU milliseconds per event, by process, median over the runs. */
  const cpuMsPerEvent = (runs: { cpuSeconds: CpuSeconds }[], events: number): CpuSeconds => {
    const perRun = runs.map((r) => cpuMsPer(r.cpuSeconds, events));
    return Object.fromEntries(
      Object.keys(perRun[0] ?? {}).map((name) => [name, median(perRun.map((r) => r[name]!))]),
    );
  };
  const ratio = eventsPerSec / baselineEventsPerSec;
  writeResult('backbone', {
    command: 'npm run bench -- backbone',
    eventsPerSec: round(eventsPerSec, 0),
    baselineEventsPerSec: round(baselineEventsPerSec, 0),
    ratio: round(ratio, 2),
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    latency: {
      ratePerSec: settings.latencyRatePerSec,
      achievedWriteRatePerSec: latency.achievedRatePerSec,
      seconds: settings.latencySeconds,
      events: latency.events,
      measuredAfterWarmup: latency.measured,
      p90Ms: latency.p90,
      maxMs: latency.max,
      cpuSeconds: latency.cpuSeconds,
      kafkaRequests: latency.kafkaRequests,
    },
    runs: {
      backbone: backbone.map((r) => ({ ...r, eventsPerSec: round(r.eventsPerSec, 0) })),
      bare: bare.map((r) => ({ ...r, eventsPerSec: round(r.eventsPerSec, 0) })),
    },
    cpuMsPerEvent: {
      backbone: cpuMsPerEvent(backbone, n),
      bare: cpuMsPerEvent(bare, n),
      latencyRun: cpuMsPerEvent([latency], latency.events),
    },
    settings: settingsUsed,
    ...(statements ? { throughputStatements: statements } : {}),
    goals: {
      ratioAtLeast: 0.5,
      ratioMet: ratio >= 0.5,
      p99MsUnder: 250,
      p99Met: latency.p99 < 250,
    },
  });
  const row = (a: string, b: string, c: string, d: string): string =>
    `${a.padEnd(20)}${b.padStart(12)}${c.padStart(10)}${d.padStart(10)}\n`;
  process.stdout.write(
    `\n${row('', 'events/s', 'p50', 'p99')}` +
      row('backbone', String(round(eventsPerSec, 0)), `${latency.p50} ms`, `${latency.p99} ms`) +
      row('bare kafkajs loop', String(round(baselineEventsPerSec, 0)), '', '') +
      `ratio ${round(ratio, 2)} (goal >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
      `p99 at ${settings.latencyRatePerSec}/s ${latency.p99} ms (goal < 250 ms: ${latency.p99 < 250 ? 'met' : 'NOT met'})\n`,
  );
} finally {
  await stack.stop();
  forceExitAfter(10_000);
}
