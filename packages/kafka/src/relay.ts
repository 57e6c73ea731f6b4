import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import pg from 'pg';
import {
  bucketCount,
  lockBuckets,
  markSent,
  noBatch,
  outboxBacklog,
  outboxChannel,
  pruneSentOutbox,
  readPending,
  wakeRelays,
  withTransaction,
  type OutboxRow,
  type Pool,
} from '@ladder/db';
import type { Logger } from '@ladder/logger';
import type { BackboneMetrics } from './metrics.js';

/**
 * Batches a pass sends in one transaction at most: what a failed pass sends again, and how long
 * a lane keeps its buckets from another relay before it pauses to let that relay in.
 */
const maxBatchesPerPass = 8;

export interface OutboxRelayOptions {
  pool: Pool;
  /** A connection string for the relay's LISTEN connection (the pool's own, usually). */
  databaseUrl: string;
  kafka: Kafka;
  logger: Logger;
  metrics?: BackboneMetrics;
  /** Rows published per Kafka request; default 500. */
  batchSize?: number;
  /**
   * Passes run side by side, each over its own share of the buckets on its own pooled
   * connection; default 2.
   */
  lanes?: number;
  /** How long to sleep when idle and no NOTIFY arrives; default 1 s. */
  pollIntervalMs?: number;
  /**
   * How long to let rows gather before the next pass when a pass carried few (under a tenth of
   * `batchSize`); default 5 ms (as Kafka's own producers linger). Without it, a service writing
   * one event per transaction has its relay run a pass (a transaction per lane and a Kafka
   * request) for every row or two. A lane also pauses this long after a pass that left rows in
   * its buckets, so that another relay on the table can take them.
   */
  lingerMs?: number;
  /** Published rows older than this are deleted; default 24 h. */
  keepPublishedMs?: number;
}

/** What one pass did. */
interface Pass {
  sent: number;
  /** It stopped at maxBatchesPerPass with a full batch: more rows wait in its buckets. */
  more: boolean;
  /** It left rows that an older running transaction keeps from being ready. */
  blocked: boolean;
}

/** The longest wait before asking again for rows held back by an older transaction. */
const maxBlockedWaitMs = 200;

/** Groups rows by topic, keeping each topic's rows in outbox order. */
function toTopicMessages(rows: OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Publishes outbox rows to Kafka in order per key, at least once (consumers drop duplicates by
 * event id). Several relays may run on one table: each outbox bucket is published by whoever holds
 * its advisory lock, and a key always falls in one bucket, so no key's events are reordered.
 */
export class OutboxRelay {
  private producer: Producer | undefined;
  private listener: pg.Client | undefined;
  private running = false;
  /** Set by stop(): a lane then ends after the pass in flight, however much is left. */
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;
  /** A lane's last pass left rows held back by an older running transaction. */
  private blocked = false;
  private lastPrune = 0;
  private lastMetrics = 0;
  private readonly batchSize: number;
  /** Each lane's buckets: lane i has the buckets b with b % lanes = i. */
  private readonly laneBuckets: number[][];
  private readonly pollIntervalMs: number;
  private readonly lingerMs: number;
  private readonly keepPublishedMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    const lanes = options.lanes ?? 2;
    this.laneBuckets = Array.from({ length: lanes }, (_, lane) =>
      Array.from({ length: bucketCount }, (_, b) => b).filter((b) => b % lanes === lane),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.lingerMs = options.lingerMs ?? 5;
    this.keepPublishedMs = options.keepPublishedMs ?? 24 * 60 * 60 * 1000;
  }

  async start(): Promise<void> {
    this.running = true;
    this.listener = new pg.Client({ connectionString: this.options.databaseUrl });
    this.listener.on('notification', () => this.notify());
    this.listener.on('error', (error) =>
      this.options.logger.warn({ err: error }, 'outbox listener failed; polling'),
    );
    await this.listener.connect();
    await this.listener.query(`listen ${outboxChannel}`);
    this.loop = this.run();
  }

  /** Finishes the pass in flight, then stops. Nothing is lost: unpublished rows stay in the outbox. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.notify();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Publishes until no lane has a full batch waiting; returns how many rows it published. */
  async publishPending(): Promise<number> {
    // Lanes are independent (a key lives in one bucket). Only a few: each holds a pooled
    // connection for as long as Kafka takes to answer, and while the broker is down the service's
    // own writes must still find free connections (seen in a test).
    let published = 0;
    const lane = async (buckets: number[]): Promise<void> => {
      for (;;) {
        const pass = await this.publishBuckets(buckets);
        published += pass.sent;
        if (pass.blocked) this.blocked = true;
        if (!pass.more || this.stopping) return;
        // The pass woke the other relays as it let go of its buckets (see publishBuckets): a
        // pause lets one of them take the buckets, so relays on one table take turns.
        await sleep(this.lingerMs);
      }
    };
    await Promise.all(this.laneBuckets.map(lane));
    return published;
  }

  /** Deletes up to 10,000 rows sent more than `keepPublishedMs` ago; returns how many. */
  prunePublished(): Promise<number> {
    return pruneSentOutbox(this.options.pool, this.keepPublishedMs);
  }

  /** Rows waiting and the age of the oldest, for metrics and the ops view. */
  backlog(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    return outboxBacklog(this.options.pool);
  }

  private notify(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let blockedPasses = 0;
    while (this.running) {
      this.woken = false;
      this.blocked = false;
      try {
        const published = await this.publishPending();
        failures = 0;
        blockedPasses = this.blocked ? blockedPasses + 1 : 0;
        await this.housekeeping();
        // Rows committed but held back by an older transaction still running (anywhere on the
        // server): no NOTIFY comes when it ends, so ask again soon, backing off while it lasts
        // (waiting for the poll cost the journey benchmark up to a second a row).
        if (published === 0 && this.blocked && !this.woken)
          await this.idle(Math.min(this.lingerMs * 2 ** blockedPasses, maxBlockedWaitMs));
        // Nothing sent and nothing new: nothing to do until a NOTIFY (rows written, or another
        // relay letting go of buckets with rows left) or the next poll.
        else if (published === 0 && !this.woken) await this.idle(this.pollIntervalMs);
        // Rows trickling in (a pass carried a few): let more gather. Rows pouring in: go on.
        else if (published < this.batchSize / 10 && this.lingerMs > 0) await sleep(this.lingerMs);
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, failures }, 'outbox relay pass failed; will retry');
        await this.resetProducer();
        await this.idle(Math.min(200 * 2 ** failures, 5_000));
      }
    }
  }

  /** Sleeps until `ms` pass or a NOTIFY (or stop) wakes the relay. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /**
   * One pass over the buckets this relay can lock of `buckets`: their oldest pending rows, sent
   * a batch (one Kafka request) at a time and marked sent, all in one transaction that holds the
   * buckets' locks. While Kafka takes a batch, its rows are marked and the next batch is read, so
   * the lane does not wait for Kafka and PostgreSQL in turn. The marks commit only once every
   * send has succeeded: a failed send rolls them all back, and those rows go again (consumers
   * drop the repeats). A batch is sent only after the one before it was taken, so no key's
   * events are reordered.
   */
  private async publishBuckets(buckets: number[]): Promise<Pass> {
    return withTransaction(this.options.pool, async (tx) => {
      const held = await lockBuckets(tx, buckets); // buckets another relay holds are skipped
      const pass: Pass = { sent: 0, more: false, blocked: false };
      let { rows, more, blocked } =
        held.length > 0 ? await readPending(tx, held, this.batchSize) : noBatch;
      pass.blocked = blocked;
      for (let batch = 1; rows.length > 0; batch += 1) {
        const producer = await this.connectedProducer();
        const marked = markSent(tx, rows);
        // Read the next batch if more may wait (this transaction sees its own marks).
        const readMore = more && batch < maxBatchesPerPass;
        const next = marked.then(() =>
          readMore ? readPending(tx, held, this.batchSize) : noBatch,
        );
        next.catch(() => undefined); // awaited below, unless the send or the mark fails first
        await Promise.all([
          producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(rows) }),
          marked,
        ]);
        pass.sent += rows.length;
        pass.more = more && batch === maxBatchesPerPass;
        this.options.metrics?.outboxPublished.inc(rows.length);
        ({ rows, more, blocked } = await next);
        pass.blocked ||= blocked;
      }
      // Rows are left in these buckets: wake the relays on this table (NOTIFY is sent at commit,
      // as the locks go), so that one waiting for them takes them while this lane pauses.
      if (pass.more) await wakeRelays(tx);
      return pass;
    });
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async housekeeping(): Promise<void> {
    const metrics = this.options.metrics;
    if (metrics && Date.now() - this.lastMetrics >= 1_000) {
      this.lastMetrics = Date.now();
      const backlog = await this.backlog();
      metrics.outboxBacklog.set(backlog.rows);
      metrics.outboxLagSeconds.set(backlog.oldestAgeSeconds);
    }
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.prunePublished();
  }
}
