import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import {
  pruneProcessed,
  recordProcessed,
  unprocessedOf,
  withTransaction,
  type Pool,
  type PoolClient,
} from '@ladder/db';
import {
  createEventParser,
  eventCatalogue,
  upcasters,
  type EventDefinition,
  type EventEnvelope,
  type ParseResult,
  type TopicDefinition,
  type Upcaster,
} from '@ladder/events';
import type { Logger } from '@ladder/logger';
import { deadLetterHeader, headerText, type DeadLetterReason } from './dead-letter-headers.js';
import type { BackboneMetrics } from './metrics.js';
import type { EventSubscription } from './subscriptions.js';

type RunHandler = EventSubscription['handle'];

export interface ConsumerRunnerOptions {
  kafka: Kafka;
  pool: Pool;
  logger: Logger;
  metrics?: BackboneMetrics;
  groupId: string;
  topics: readonly TopicDefinition[];
  /**
   * At most one per event type, each for the newest version of its type in `catalogue` (made with
   * `on` or `onBatch`). Events of other types are skipped and counted.
   */
  handlers: readonly EventSubscription[];
  /** The event definitions this process knows; defaults to the published catalogue. */
  catalogue?: readonly EventDefinition[];
  /** Upcasters to the newest versions in `catalogue`; default the published ones. */
  upcasters?: readonly Upcaster[];
  /** Attempts before a message goes to its dead-letter topic; default 5. */
  maxAttempts?: number;
  /** Wait before retry `attempt` (1-based); default 100 ms doubling, at most 5 s. */
  retryDelayMs?: (attempt: number) => number;
  /**
   * How long the group's records of handled events are kept, each pruned after that by the runner
   * (every minute, up to 10,000 at a time). Default: the longest that `topics` or their dead-letter
   * topics keep a message, since a redelivery (or a replayed dead letter) can come for that long
   * and only the record stops it being handled again. Refused if shorter than a topic's retention.
   */
  keepProcessedMs?: number;
  /** Partitions handled at once (each in its own transaction; order holds within a partition); default 3. */
  partitionsConsumedConcurrently?: number;
}

type Decoded =
  | { kind: 'event'; event: EventEnvelope; handler: RunHandler }
  | { kind: 'skip'; type: string }
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
  private readonly keepProcessedMs: number;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<unknown> = Promise.resolve();
  /** Each handled type's handler, in its batch form (one-event handlers run event by event). */
  private readonly handlers: Map<string, RunHandler>;

  constructor(private readonly options: ConsumerRunnerOptions) {
    const catalogue = options.catalogue ?? eventCatalogue;
    this.handlers = handlersByType(options.handlers, catalogue);
    this.keepProcessedMs = processedRetention(options.topics, options.keepProcessedMs);
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
    });
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.parse = createEventParser(catalogue, options.upcasters ?? upcasters);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs =
      options.retryDelayMs ?? ((attempt) => Math.min(100 * 2 ** (attempt - 1), 5_000));
    this.deadLetterTopicOf = new Map(options.topics.map((t) => [t.name, t.deadLetterTopic]));
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
    this.pruneTimer = setInterval(() => {
      this.pruning = this.pruneProcessed().catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'pruning processed events failed; next minute'),
      );
    }, 60_000);
    this.pruneTimer.unref();
  }

  /** Deletes up to 10,000 of the group's records handled more than `keepProcessedMs` ago. */
  pruneProcessed(): Promise<number> {
    return pruneProcessed(this.options.pool, this.options.groupId, this.keepProcessedMs);
  }

  /** Lets the batch in flight finish, commits what was handled, and leaves the group. */
  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.pruning;
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
        ? { kind: 'skip', type }
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
        if (item.decoded.kind === 'skip') {
          this.options.metrics?.eventsSkipped.inc({
            group: this.options.groupId,
            // Any producer may write the type: bound the label's length.
            type: item.decoded.type.slice(0, 100),
          });
        } else {
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

  private eventOf(item: Item): { event: EventEnvelope; handler: RunHandler } {
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
      const fresh = await unprocessedOf(tx, groupId, ids);
      const handled: string[] = [];
      const context = { tx, loggerFor: this.loggerFor };
      let events: EventEnvelope[] = [];
      let handler: RunHandler | undefined;
      for (const item of run) {
        const next = this.eventOf(item);
        // delete: the same event twice in one batch (a relay resend) is handled once
        if (!fresh.delete(next.event.id)) {
          metrics?.eventsDuplicate.inc({ group: groupId });
          continue;
        }
        handled.push(next.event.id);
        // Consecutive events of one handler go to it together; order across handlers holds.
        if (handler !== next.handler && handler) {
          await handler(events, context);
          events = [];
        }
        handler = next.handler;
        events.push(next.event);
      }
      if (handler) await handler(events, context);
      await this.recordAfterHandling(tx, handled);
    });
    for (const item of run) this.recordHandled(this.eventOf(item).event);
  }

  /**
   * Records the handled ids last, as the transaction's last write. A handler that calls another
   * service (the bridge calls Temporal) then holds no transaction id during the call: the first
   * write takes one, and while it is held every outbox relay on the server (their readiness is
   * the oldest running transaction id) keeps back the rows written after it. Measured in the
   * journey benchmark: the bridge held the oldest id in most samples and the relay's hop grew
   * with its Temporal calls. If another consumer recorded one of them meanwhile (a rebalance),
   * this throws and the transaction rolls back; the retry finds them recorded and skips them.
   */
  private async recordAfterHandling(tx: PoolClient, handled: string[]): Promise<void> {
    if (handled.length === 0) return;
    const recorded = await recordProcessed(tx, this.options.groupId, handled);
    if (recorded.size !== handled.length)
      throw new Error('events handled concurrently by another consumer; rolled back');
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
          const fresh = await unprocessedOf(tx, groupId, [event.id]);
          if (fresh.size === 0) {
            metrics?.eventsDuplicate.inc({ group: groupId });
            return;
          }
          await handler([event], { tx, loggerFor: () => logger });
          await this.recordAfterHandling(tx, [event.id]);
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
 * Each subscription's handler by its type. Refuses a second handler for one type, and a handler
 * for any definition but the newest of its type in the catalogue: the parser upcasts every event
 * to that version before a handler sees it, so a handler for another version would be handed data
 * of a shape its type does not describe.
 */
function handlersByType(
  subscriptions: readonly EventSubscription[],
  catalogue: readonly EventDefinition[],
): Map<string, RunHandler> {
  const newest = new Map<string, EventDefinition>();
  for (const def of catalogue) {
    const current = newest.get(def.type);
    if (current === undefined || def.version > current.version) newest.set(def.type, def);
  }
  const handlers = new Map<string, RunHandler>();
  for (const { definition, handle } of subscriptions) {
    const { type, version } = definition;
    const target = newest.get(type);
    if (target === undefined) throw new Error(`${type} is not in this consumer's event catalogue`);
    if (target.version !== version) {
      throw new Error(
        `a handler for ${type} v${version}, but events are upcast to v${target.version} before ` +
          `handlers run: register it for v${target.version}`,
      );
    }
    if (target !== definition)
      throw new Error(`${type} v${version} is not the definition in this consumer's catalogue`);
    if (handlers.has(type)) throw new Error(`${type} has more than one handler`);
    handlers.set(type, handle);
  }
  return handlers;
}

/** How long processed-event records are kept: see ConsumerRunnerOptions.keepProcessedMs. */
function processedRetention(topics: readonly TopicDefinition[], keepMs?: number): number {
  const topicRetention = Math.max(0, ...topics.map((t) => t.retentionMs));
  if (keepMs === undefined)
    return Math.max(topicRetention, ...topics.map((t) => t.deadLetterRetentionMs));
  if (keepMs < topicRetention) {
    throw new Error(
      `keepProcessedMs ${keepMs} is shorter than the topics keep events (${topicRetention} ms): ` +
        'a redelivered event would be handled again',
    );
  }
  return keepMs;
}
