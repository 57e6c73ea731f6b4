import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import { appendToOutbox, createPool, type Pool, type PoolClient } from '@ladder/db';
import { createEnvelope } from '@ladder/events';
import { BackboneMetrics, ConsumerRunner, OutboxRelay, ensureTopics, on } from '../src/index.js';
import {
  effectCount,
  keysOutOfOrder,
  noteRecorded,
  prepareDatabase,
  recordEffect,
  quietLogger,
  testKafka,
  testTopic,
  waitFor,
  writeEvents,
} from './fixtures/backbone.js';

describe('two outbox relays on one table', () => {
  const total = 5_000;
  const topic = testTopic();
  const event = noteRecorded(topic);
  const kafka = testKafka('relay-concurrency-test');
  const relays: { relay: OutboxRelay; pool: Pool; metrics: BackboneMetrics }[] = [];
  let db: TestDatabase;
  let pool: Pool;
  let runner: ConsumerRunner | undefined;

  const unpublishedCount = async (): Promise<number> => {
    const { rows } = await pool.query<{ n: string }>(
      'select count(*) as n from ladder_outbox where published_at is null',
    );
    return Number(rows[0]?.n);
  };

  const publishedBy = async (metrics: BackboneMetrics): Promise<number> =>
    (await metrics.outboxPublished.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    db = await createTestDatabase('relay_concurrency');
    pool = await prepareDatabase(db.url);
    await ensureTopics(kafka, [topic]);
  });

  afterAll(async () => {
    await runner?.stop();
    for (const { relay, pool: relayPool } of relays) {
      await relay.stop();
      await relayPool.end();
    }
    await pool?.end();
    await db?.drop();
  });

  it('when two relays run while events are being written, then both publish, and every event is handled once and in order per key', async () => {
    for (let i = 0; i < 2; i += 1) {
      const metrics = new BackboneMetrics();
      const relayPool = createPool(db.url, { max: 4, applicationName: `relay-${i}` });
      // Small batches: a relay gives up a bucket's lock after every batch, so the two relays keep
      // meeting on the same buckets, which is what this test is for.
      const relay = new OutboxRelay({
        pool: relayPool,
        databaseUrl: db.url,
        kafka,
        logger: quietLogger,
        metrics,
        batchSize: 20,
      });
      relays.push({ relay, pool: relayPool, metrics });
      await relay.start();
    }

    // 40 keys fill most of the 16 buckets; 100 transactions of 50 keep both relays busy (and
    // woken by NOTIFY) for the whole write, so neither can take every bucket on its own. A relay
    // skips a bucket the other holds and goes on to the next, so both publish in practice.
    await writeEvents(pool, event, { count: total, keys: 40, perTransaction: 50 });
    await waitFor('every outbox row published', async () => (await unpublishedCount()) === 0);

    runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      groupId: `notes-${topic.name}`,
      topics: [topic],
      handlers: [on(event, recordEffect)],
      catalogue: [event],
    });
    await runner.start();
    await waitFor(`${total} effects`, async () => (await effectCount(pool)) >= total);
    await runner.stop();
    runner = undefined;

    expect(await effectCount(pool)).toBe(total);
    expect(await keysOutOfOrder(pool)).toEqual([]);
    const [first, second] = await Promise.all(relays.map(({ metrics }) => publishedBy(metrics)));
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    // Each row was published by one relay only: a bucket's lock keeps the other off it.
    expect(first! + second!).toBe(total);
  });
});

describe('the outbox relay and concurrent writer transactions', () => {
  const topic = testTopic(1);
  const event = noteRecorded(topic);
  const kafka = testKafka('relay-late-commit-test');
  let db: TestDatabase;
  let pool: Pool;
  let relay: OutboxRelay | undefined;
  let runner: ConsumerRunner | undefined;
  const open: PoolClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('relay_late_commit');
    pool = await prepareDatabase(db.url);
    await ensureTopics(kafka, [topic]);
  });

  afterAll(async () => {
    for (const client of open) {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    await runner?.stop();
    await relay?.stop();
    await pool?.end();
    await db?.drop();
  });

  const note = (seq: number) => ({
    topic: topic.name,
    envelope: createEnvelope(
      event,
      { seq },
      { source: 'test', subject: 'key-0', correlationId: `c-${seq}` },
    ),
  });

  it("when a transaction that began earlier writes a key's next event while an unrelated transaction runs, then the key's events are still handled in order", async () => {
    const begin = async (): Promise<PoolClient> => {
      const client = await pool.connect();
      open.push(client);
      await client.query('begin');
      await client.query('select pg_current_xact_id()'); // takes its transaction id now
      return client;
    };
    // Transaction ids in the order y < z < x; the key's events are written (and committed) by x
    // first, then by y, as when y waits on a lock x holds. z is unrelated and still running.
    const y = await begin();
    const z = await begin();
    const x = await begin();
    await appendToOutbox(x, [note(0)]);
    await x.query('commit');
    await appendToOutbox(y, [note(1)]);
    await y.query('commit');

    // Not started: the test runs its passes itself.
    const lateRelay = new OutboxRelay({ pool, databaseUrl: db.url, kafka, logger: quietLogger });
    relay = lateRelay;
    await lateRelay.publishPending(); // while z runs
    await z.query('commit');
    // Loop: transactions of other test files on the cluster can hold the rows back a little.
    await waitFor('the outbox published', async () => {
      await lateRelay.publishPending();
      return (await lateRelay.backlog()).rows === 0;
    });

    runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      groupId: `notes-${topic.name}`,
      topics: [topic],
      handlers: [on(event, recordEffect)],
      catalogue: [event],
    });
    await runner.start();
    await waitFor('2 effects', async () => (await effectCount(pool)) >= 2);

    expect(await effectCount(pool)).toBe(2);
    expect(await keysOutOfOrder(pool)).toEqual([]);
  });
});
