import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { pruneProcessed, type Pool } from '@ladder/db';
import {
  createEventParser,
  eventCatalogue,
  upcasters,
  type EventDefinition,
  type EventEnvelope,
  type TopicDefinition,
  type Upcaster,
} from '@ladder/events';
import type { Logger } from '@ladder/logger';
import { DeadLetterPublisher } from './dead-letter-publisher.js';
import { handlersByType } from './handler-registry.js';
import { handleAlone, handleTogether, type HandlingContext } from './handling-paths.js';
import { createMessageDecoder, eventRunFrom, type DecodedMessage } from './message-decoder.js';
import type { BackboneMetrics } from './metrics.js';
import { processedRetention } from './processed-retention.js';
import type { EventSubscription } from './subscriptions.js';

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

/**
 * Runs handlers for a consumer group, exactly once in effect: each event id is recorded in the
 * handler's own transaction, so a redelivery is a no-op. A batch is first handled in one
 * transaction (fast); if that fails, each message is retried on its own with backoff, and after
 * `maxAttempts` it is published to its topic's dead-letter topic and the runner moves on. A
 * message that is not a valid event goes to dead letters at once.
 *
 * This class walks Kafka's batches and owns the consumer's life; the two handling paths are in
 * `handling-paths.ts`, the read-first, record-last transaction in `handled-once.ts`.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly decode: (message: KafkaMessage) => DecodedMessage;
  private readonly handling: HandlingContext;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly keepProcessedMs: number;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ConsumerRunnerOptions) {
    const catalogue = options.catalogue ?? eventCatalogue;
    // Each handled type's handler, in its batch form (one-event handlers run event by event).
    const handlers = handlersByType(options.handlers, catalogue);
    this.keepProcessedMs = processedRetention(options.topics, options.keepProcessedMs);
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
    });
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.decode = createMessageDecoder(
      handlers,
      createEventParser(catalogue, options.upcasters ?? upcasters),
    );
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs =
      options.retryDelayMs ?? ((attempt) => Math.min(100 * 2 ** (attempt - 1), 5_000));
    this.handling = {
      pool: options.pool,
      groupId: options.groupId,
      metrics: options.metrics,
      loggerFor: (event: EventEnvelope): Logger =>
        options.logger.child({
          eventId: event.id,
          eventType: event.type,
          correlationId: event.correlationId,
          ...(event.traceparent ? { traceparent: event.traceparent } : {}),
        }),
    };
    this.deadLetters = new DeadLetterPublisher({
      producer: this.producer,
      groupId: options.groupId,
      deadLetterTopicOf: new Map(options.topics.map((t) => [t.name, t.deadLetterTopic])),
      logger: options.logger,
      metrics: options.metrics,
    });
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

  /**
   * Walks a batch in order: a message of a type without a handler is counted and passed over, one
   * that is not a valid event goes to dead letters, and each run of consecutive events is handled
   * together, or one by one if that fails. Stops early when the group takes the partition away.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const going = (): boolean => payload.isRunning() && !payload.isStale();
    const heartbeat = (): Promise<void> => payload.heartbeat();
    const decoded = messages.map(this.decode);
    let i = 0;
    while (i < decoded.length && going()) {
      const item = decoded[i]!;
      if (item.kind !== 'event') {
        if (item.kind === 'skip') {
          this.options.metrics?.eventsSkipped.inc({
            group: this.options.groupId,
            // Any producer may write the type: bound the label's length.
            type: item.type.slice(0, 100),
          });
        } else {
          await this.deadLetters.publish(
            { topic, partition, message: item.message },
            { reason: 'invalid', error: item.reason, attempts: 0 },
          );
        }
        payload.resolveOffset(item.message.offset);
        i += 1;
        continue;
      }
      const run = eventRunFrom(decoded, i);
      try {
        await handleTogether(this.handling, run);
        for (const one of run) payload.resolveOffset(one.message.offset);
      } catch {
        for (const one of run) {
          if (!going()) return;
          await handleAlone(
            this.handling,
            {
              maxAttempts: this.maxAttempts,
              retryDelayMs: this.retryDelayMs,
              heartbeat,
              giveUp: (error, attempts) =>
                this.deadLetters.publish(
                  { topic, partition, message: one.message },
                  { reason: 'handler-failed', error, attempts },
                ),
            },
            one,
          );
          payload.resolveOffset(one.message.offset);
        }
      }
      await heartbeat();
      i += run.length;
    }
    await payload.commitOffsetsIfNecessary();
  }
}
