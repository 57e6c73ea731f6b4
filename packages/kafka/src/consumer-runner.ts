import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { withTransaction, type Pool, type PoolClient } from '@ladder/db';
import {
  createEventParser,
  eventCatalogue,
  upcasters,
  type EventEnvelope,
  type ParseResult,
  type TopicDefinition,
} from '@ladder/events';
import type { Logger } from '@ladder/logger';
import { deadLetterHeader, headerText, type DeadLetterReason } from './dead-letter-headers.js';
import type { BackboneMetrics } from './metrics.js';

export interface HandlerContext {
  /** The transaction the event id is recorded in: write the handler's effects through it. */
  tx: PoolClient;
  /** Carries the event id, type, correlation id and traceparent. */
  logger: Logger;
}

export type EventHandler = (event: EventEnvelope, context: HandlerContext) => Promise<void>;

export interface BatchHandlerContext {
  /** The transaction the events' ids are recorded in: write the handler's effects through it. */
  tx: PoolClient;
  /** A logger carrying one event's id, type, correlation id and traceparent. */
  loggerFor: (event: EventEnvelope) => Logger;
}

/**
 * Handles a run of consecutive events of one type together, in order, in one transaction: for
 * handlers whose effects can be written for many events in one statement. A run may hold a single
 * event (a retry handles each message alone).
 */
export type BatchEventHandler = (
  events: EventEnvelope[],
  context: BatchHandlerContext,
) => Promise<void>;

export interface ConsumerRunnerOptions {
  kafka: Kafka;
  pool: Pool;
  logger: Logger;
  metrics?: BackboneMetrics;
  groupId: string;
  topics: readonly TopicDefinition[];
  /** One handler per event type; events of types with no handler of either kind are skipped. */
  handlers?: Record<string, EventHandler>;
  /** Handlers that take a run of events of their type at once (see BatchEventHandler). */
  batchHandlers?: Record<string, BatchEventHandler>;
  /** Defaults to the published catalogue with its upcasters. */
  parse?: (raw: unknown) => ParseResult;
  /** Attempts before a message goes to its dead-letter topic; default 5. */
  maxAttempts?: number;
  /** Wait before retry `attempt` (1-based); default 100 ms doubling, at most 5 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Partitions handled at once (each in its own transaction; order holds within a partition); default 3. */
  partitionsConsumedConcurrently?: number;
}

type Decoded =
  | { kind: 'event'; event: EventEnvelope; handler: BatchEventHandler }
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string };

interface Item {
  message: KafkaMessage;
  decoded: Decoded;
}

/**
 * Runs handlers for a consumer group, exactly once in effect: each event id is recorded in the
 * handler's own transaction, so a redelivery is a no-op. A batch is first handled in one
 * transaction (fast); if that fails, each message is retried on its own with backoff, and after
 * `maxAttempts` it is published to its topic's dead-letter topic and the runner moves on. A
 * message that is not a valid event goes to dead letters at once.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly parse: (raw: unknown) => ParseResult;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly deadLetterTopicOf: Map<string, string>;
  /** Every handler as a batch handler: one-event handlers are run one by one. */
  private readonly handlers: Map<string, BatchEventHandler>;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
    });
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.parse = options.parse ?? createEventParser(eventCatalogue, upcasters);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs =
      options.retryDelayMs ?? ((attempt) => Math.min(100 * 2 ** (attempt - 1), 5_000));
    this.deadLetterTopicOf = new Map(options.topics.map((t) => [t.name, t.deadLetterTopic]));
    this.handlers = new Map(Object.entries(options.batchHandlers ?? {}));
    for (const [type, handler] of Object.entries(options.handlers ?? {})) {
      if (this.handlers.has(type))
        throw new Error(`${type} has both a handler and a batch handler`);
      this.handlers.set(type, async (events, { tx, loggerFor }) => {
        for (const event of events) await handler(event, oneEventContext(tx, event, loggerFor));
      });
    }
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => t.name),
      fromBeginning: true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      autoCommitInterval: 1_000,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Lets the batch in flight finish, commits what was handled, and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private decode(message: KafkaMessage): Decoded {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString() ?? '');
    } catch {
      return { kind: 'invalid', reason: 'not JSON' };
    }
    const type = (raw as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? this.handlers.get(type) : undefined;
    if (handler === undefined) {
      return typeof type === 'string'
        ? { kind: 'skip' }
        : { kind: 'invalid', reason: 'no event type' };
    }
    const parsed = this.parse(raw);
    return parsed.ok
      ? { kind: 'event', event: parsed.event, handler }
      : { kind: 'invalid', reason: parsed.reason };
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const isRunning = (): boolean => payload.isRunning();
    const isStale = (): boolean => payload.isStale();
    const heartbeat = (): Promise<void> => payload.heartbeat();
    const resolveOffset = (offset: string): void => payload.resolveOffset(offset);
    const items: Item[] = batch.messages.map((message) => ({
      message,
      decoded: this.decode(message),
    }));
    let i = 0;
    while (i < items.length && isRunning() && !isStale()) {
      const item = items[i]!;
      if (item.decoded.kind !== 'event') {
        if (item.decoded.kind === 'invalid') {
          await this.deadLetter(
            batch.topic,
            batch.partition,
            item.message,
            'invalid',
            item.decoded.reason,
            0,
          );
        }
        resolveOffset(item.message.offset);
        i += 1;
        continue;
      }
      let end = i;
      while (end < items.length && items[end]!.decoded.kind === 'event') end += 1;
      const run = items.slice(i, end);
      try {
        await this.handleTogether(run);
        for (const one of run) resolveOffset(one.message.offset);
      } catch {
        for (const one of run) {
          if (!isRunning() || isStale()) return;
          await this.handleAlone(batch.topic, batch.partition, one, heartbeat);
          resolveOffset(one.message.offset);
        }
      }
      await heartbeat();
      i = end;
    }
    await payload.commitOffsetsIfNecessary();
  }

  private eventOf(item: Item): { event: EventEnvelope; handler: BatchEventHandler } {
    if (item.decoded.kind !== 'event') throw new Error('not an event');
    return item.decoded;
  }

  private readonly loggerFor = (event: EventEnvelope): Logger =>
    this.options.logger.child({
      eventId: event.id,
      eventType: event.type,
      correlationId: event.correlationId,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    });

  /** The fast path: the whole run in one transaction. */
  private async handleTogether(run: Item[]): Promise<void> {
    const { groupId, pool, metrics } = this.options;
    await withTransaction(pool, async (tx) => {
      const ids = run.map((item) => this.eventOf(item).event.id);
      const inserted = await tx.query<{ event_id: string }>(
        `insert into ladder_processed_events (consumer_group, event_id)
         select $1, unnest($2::uuid[]) on conflict do nothing returning event_id`,
        [groupId, ids],
      );
      const fresh = new Set(inserted.rows.map((r) => r.event_id));
      const context = { tx, loggerFor: this.loggerFor };
      let events: EventEnvelope[] = [];
      let handler: BatchEventHandler | undefined;
      for (const item of run) {
        const next = this.eventOf(item);
        // delete: the same event twice in one batch (a relay resend) is handled once
        if (!fresh.delete(next.event.id)) {
          metrics?.eventsDuplicate.inc({ group: groupId });
          continue;
        }
        // Consecutive events of one handler go to it together; order across handlers holds.
        if (handler !== next.handler && handler) {
          await handler(events, context);
          events = [];
        }
        handler = next.handler;
        events.push(next.event);
      }
      if (handler) await handler(events, context);
    });
    for (const item of run) this.recordHandled(this.eventOf(item).event);
  }

  /** The slow path: one message, retried with backoff, then dead-lettered. */
  private async handleAlone(
    topic: string,
    partition: number,
    item: Item,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { groupId, pool, metrics } = this.options;
    const { event, handler } = this.eventOf(item);
    const logger = this.loggerFor(event);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await withTransaction(pool, async (tx) => {
          const inserted = await tx.query(
            'insert into ladder_processed_events (consumer_group, event_id) values ($1, $2) on conflict do nothing',
            [groupId, event.id],
          );
          if (inserted.rowCount === 0) {
            metrics?.eventsDuplicate.inc({ group: groupId });
            return;
          }
          await handler([event], { tx, loggerFor: () => logger });
        });
        this.recordHandled(event);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= this.maxAttempts) {
          logger.error(
            { err: error, attempt },
            'handler failed for the last time; sending to dead letters',
          );
          await this.deadLetter(topic, partition, item.message, 'handler-failed', message, attempt);
          return;
        }
        metrics?.eventsRetried.inc({ group: groupId });
        logger.warn({ err: error, attempt }, 'handler failed; retrying');
        await sleep(this.retryDelayMs(attempt));
        await heartbeat();
      }
    }
  }

  private recordHandled(event: EventEnvelope): void {
    const { metrics, groupId } = this.options;
    if (!metrics) return;
    metrics.eventsHandled.inc({ group: groupId, type: event.type });
    metrics.handleSeconds.observe(
      { group: groupId },
      (Date.now() - Date.parse(event.occurredAt)) / 1000,
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<void> {
    const deadLetterTopic = this.deadLetterTopicOf.get(topic) ?? `${topic}.dlq`;
    await this.producer.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [deadLetterHeader.originalTopic]: topic,
            [deadLetterHeader.originalPartition]: String(partition),
            [deadLetterHeader.originalOffset]: message.offset,
            [deadLetterHeader.consumerGroup]: this.options.groupId,
            [deadLetterHeader.reason]: reason,
            // Events carry ids and codes only, so an error about one holds no personal data;
            // cut it short all the same.
            [deadLetterHeader.error]: error.slice(0, 500),
            [deadLetterHeader.attempts]: String(attempts),
            [deadLetterHeader.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    this.options.metrics?.deadLettered.inc({ group: this.options.groupId, reason });
    this.options.logger.warn(
      {
        topic,
        partition,
        offset: message.offset,
        eventId: headerText(message.headers, 'event-id'),
        reason,
      },
      'message sent to dead letters',
    );
  }
}

/**
 * A one-event handler's context. Its logger is made on first use: most handlers never log, and a
 * pino child per event costs more than the rest of the runner's per-event work.
 */
function oneEventContext(
  tx: PoolClient,
  event: EventEnvelope,
  loggerFor: (event: EventEnvelope) => Logger,
): HandlerContext {
  let logger: Logger | undefined;
  return {
    tx,
    get logger() {
      return (logger ??= loggerFor(event));
    },
  };
}
