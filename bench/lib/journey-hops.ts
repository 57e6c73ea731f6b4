/**
 * What the journey benchmark measures beyond its end-to-end latency: when each referral passed
 * each hop on its way to its journey's first step, and which transaction held back PostgreSQL's
 * snapshot horizon (the outbox relay publishes a row only once every older transaction has
 * ended).
 */
import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import type { EventEnvelope } from '@ladder/events';
import type { EventSubscription } from '@ladder/kafka';
import { mapAtOnce } from './map-at-once.js';
import { percentile, round } from './stats.js';

/** Milliseconds since the epoch at which one item reached each hop (absent: not seen). */
export type HopTimes<P extends string = HopPoint> = Partial<Record<P, number>>;

/** The points a referral passes, in order. */
export const hopPoints = [
  'accepted', // the event's time, just before its outbox transaction
  'outboxWritten', // the outbox row's created_at
  'relayRead', // published_at: the start of the relay pass that sent it
  'kafkaSent', // the Kafka message's CreateTime (set by the relay's producer)
  'kafkaDelivered', // a bench-only consumer group received it
  'bridgeStarted', // the bridge's handler was called (after the runner recorded the event id)
  'bridgeAnswered', // the handler returned: Temporal answered signal-with-start
  'workflowStarted', // WorkflowExecutionStarted, by Temporal's clock
  'workflowTaskStarted', // the worker picked up the first workflow task
  'workflowTaskCompleted', // the first workflow task completed (it schedules the first activity)
  'activityStarted', // ActivityTaskStarted of the first activity
  'firstStep', // the first activity ran in the worker: the benchmark's end point
] as const;
export type HopPoint = (typeof hopPoints)[number];

/**
 * Per item (a referral, by default with the journey's points; any key and points in order), when
 * it reached each point.
 */
export class HopRecorder<P extends string = HopPoint> {
  private readonly times = new Map<string, HopTimes<P>>();

  constructor(private readonly points: readonly P[] = hopPoints as unknown as readonly P[]) {}

  set(key: string, point: P, at: number): void {
    const times: HopTimes<P> = this.times.get(key) ?? {};
    times[point] ??= at; // the first time counts (a redelivery does not move it)
    this.times.set(key, times);
  }

  get(key: string): HopTimes<P> {
    return this.times.get(key) ?? {};
  }

  /**
   * p50/p99 of each hop over `keys` (from each point to the next one seen: a baseline may have
   * no outbox, relay or Kafka), and the p50 of the time from the first point to each point.
   */
  summary(keys: readonly string[]): Record<string, HopSummary> {
    const spans = new Map<string, number[]>();
    const sinceAccepted = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, key: string, value: number): void => {
      map.set(key, [...(map.get(key) ?? []), value]);
    };
    const first = this.points[0]!;
    for (const id of keys) {
      const t = this.get(id);
      let last: P | undefined;
      for (const point of this.points) {
        const at = t[point];
        if (at === undefined) continue;
        if (last !== undefined) {
          const key = `${last}->${point}`;
          push(spans, key, at - t[last]!);
          if (t[first] !== undefined) push(sinceAccepted, key, at - t[first]);
        }
        last = point;
      }
    }
    return Object.fromEntries(
      [...spans].map(([key, list]) => [
        key,
        {
          n: list.length,
          p50: round(percentile(list, 50), 1),
          p99: round(percentile(list, 99), 1),
          reachedP50: round(percentile(sinceAccepted.get(key) ?? [], 50), 1),
        },
      ]),
    );
  }
}

/** One hop: its p50 and p99, and the p50 of the time from the first point to its end. */
export interface HopSummary {
  n: number;
  p50: number;
  p99: number;
  reachedP50: number;
}

const referralIdOf = (event: EventEnvelope): string =>
  String((event.data as { referralId?: unknown }).referralId);

/** The bridge's subscriptions, recording when each run of events went in and came out. */
export function timedSubscriptions(
  subscriptions: EventSubscription[],
  hops: HopRecorder,
): EventSubscription[] {
  return subscriptions.map((subscription) => ({
    definition: subscription.definition,
    handle: async (events, context) => {
      const started = Date.now();
      for (const event of events) hops.set(referralIdOf(event), 'bridgeStarted', started);
      await subscription.handle(events, context);
      const answered = Date.now();
      for (const event of events) hops.set(referralIdOf(event), 'bridgeAnswered', answered);
    },
  }));
}

/**
 * A bench-only consumer group on `topic`: each message's CreateTime and when it arrived, by the
 * key `keyOf` finds in its event (by default the referral id).
 */
export async function observeKafka<P extends string>(
  kafka: Kafka,
  topic: string,
  hops: HopRecorder<P | 'kafkaSent' | 'kafkaDelivered'>,
  keyOf: (event: EventEnvelope) => string = referralIdOf,
): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: `bench-observer-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const arrived = Date.now();
      const event = JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope;
      const key = keyOf(event);
      hops.set(key, 'kafkaSent', Number(message.timestamp));
      hops.set(key, 'kafkaDelivered', arrived);
      return Promise.resolve();
    },
  });
  return () => consumer.disconnect();
}

/** Temporal's event types, as history events number them (temporal.api.enums.v1.EventType). */
export const historyEventType = {
  workflowStarted: 1,
  workflowTaskStarted: 6,
  workflowTaskCompleted: 7,
  activityStarted: 11,
  workflowSignaled: 26,
} as const;
/** The history events that mark a journey's first step. */
const firstStepEvents = [
  'workflowStarted',
  'workflowTaskStarted',
  'workflowTaskCompleted',
  'activityStarted',
] as const;

/** A protobuf timestamp (its seconds a Long or a number) in milliseconds. */
export const timestampMs = (
  t: { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined,
): number => Number((t?.seconds ?? 0).toString()) * 1000 + (t?.nanos ?? 0) / 1e6;

/** Reads each journey's history (8 at a time) for its first start, task and activity. */
export async function recordHistories(
  client: Client,
  journeys: readonly { referralId: string; workflowId: string }[],
  hops: HopRecorder,
): Promise<void> {
  await mapAtOnce(journeys, 8, async (next) => {
    const history = await client.workflow.getHandle(next.workflowId).fetchHistory();
    for (const event of history.events ?? []) {
      for (const point of firstStepEvents) {
        if (Number(event.eventType) === historyEventType[point])
          hops.set(next.referralId, point, timestampMs(event.eventTime));
      }
    }
  });
}

/**
 * Samples, every `everyMs`, the transaction holding the oldest transaction id (the snapshot's
 * xmin, which the relay's readiness check compares against), by its connection's
 * application_name. Returns a stop function that gives, per holder, how many samples it was the
 * oldest in and the p50/p99 of its age then.
 */
export function sampleHorizon(
  databaseUrl: string,
  everyMs = 25,
): () => Promise<
  Record<string, { samples: number; share: number; ageP50Ms: number; ageP99Ms: number }>
> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'bench-sampler',
  });
  const ages = new Map<string, number[]>();
  let total = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ holder: string; ms: number }>(
        `select coalesce(nullif(application_name, ''), backend_type) as holder,
           extract(epoch from clock_timestamp() - xact_start)::float8 * 1000 as ms
         from pg_stat_activity where backend_xid is not null
         order by backend_xid::text::bigint limit 1`,
      );
      total += 1;
      const holder = rows[0]?.holder ?? '(none)';
      const list = ages.get(holder) ?? [];
      list.push(rows[0]?.ms ?? 0);
      ages.set(holder, list);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await loop;
    return Object.fromEntries(
      [...ages].map(([holder, list]) => [
        holder,
        {
          samples: list.length,
          share: round(list.length / total, 3),
          ageP50Ms: round(percentile(list, 50), 1),
          ageP99Ms: round(percentile(list, 99), 1),
        },
      ]),
    );
  };
}
