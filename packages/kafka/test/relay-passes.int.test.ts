import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import type { Pool } from '@ladder/db';
import { BackboneMetrics, ConsumerRunner, OutboxRelay, ensureTopics, on } from '../src/index.js';
import {
  effectCount,
  keysOutOfOrder,
  noteRecorded,
  prepareDatabase,
  quietLogger,
  recordEffect,
  startNotesRunner,
  testKafka,
  testTopic,
  waitFor,
  writeEvents,
} from './fixtures/backbone.js';

describe('an outbox relay pass', () => {
  const topic = testTopic();
  const event = noteRecorded(topic);
  const kafka = testKafka('relay-passes-test');
  let db: TestDatabase;
  let pool: Pool;
  let runner: ConsumerRunner | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('relay_passes');
    pool = await prepareDatabase(db.url);
    await ensureTopics(kafka, [topic]);
  });

  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
    await db?.drop();
  });

  it('when one key has a backlog of many batches, then one call publishes all of it, in order', async () => {
    // One key is one bucket. A bucket offers a pass only twice its share of a batch (here 25 of
    // 100 rows), so this only drains in one call if a bucket that gave all it offered is read
    // again, and a lane that stopped at its last batch of a pass goes on.
    const total = 1_200;
    await writeEvents(pool, event, { count: total, keys: 1, perTransaction: 100 });
    const metrics = new BackboneMetrics();
    const relay = new OutboxRelay({
      pool,
      databaseUrl: db.url,
      kafka,
      logger: quietLogger,
      metrics,
      batchSize: 100,
    });

    expect(await relay.publishPending()).toBe(total);
    expect((await relay.backlog()).rows).toBe(0);

    runner = await startNotesRunner({
      kafka,
      pool,
      groupId: `notes-${topic.name}`,
      handlers: [on(event, recordEffect)],
      event,
    });
    await waitFor(`${total} effects`, async () => (await effectCount(pool)) >= total);
    expect(await effectCount(pool)).toBe(total);
    expect(await keysOutOfOrder(pool)).toEqual([]);
  });

  it('when a pass lets go of buckets with rows left in them, then it wakes the relays on the table', async () => {
    await writeEvents(pool, event, { count: 400, keys: 1, perTransaction: 100 });
    // Listening only now, so the writes' own notifications are not counted.
    const listener = new pg.Client({ connectionString: db.url });
    let notifications = 0;
    listener.on('notification', () => (notifications += 1));
    await listener.connect();
    try {
      await listener.query('listen ladder_outbox');
      const relay = new OutboxRelay({
        pool,
        databaseUrl: db.url,
        kafka,
        logger: quietLogger,
        batchSize: 100, // a pass sends 8 batches of 25 from one bucket: 200 of the 400 rows
      });

      expect(await relay.publishPending()).toBe(400);
      await waitFor('a notification', () => Promise.resolve(notifications > 0), 5_000);
      expect(notifications).toBeGreaterThan(0);
    } finally {
      await listener.end();
    }
  });
});

describe('pruning the outbox', () => {
  const topic = testTopic(1);
  const event = noteRecorded(topic);
  const kafka = testKafka('relay-prune-test');
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('relay_prune');
    pool = await prepareDatabase(db.url);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** Backdates the rows of seq `from` to `to` (one key, so seq follows id). */
  const age = async (
    from: number,
    to: number,
    createdHoursAgo: number,
    publishedHoursAgo?: number,
  ) => {
    await pool.query(
      `update ladder_outbox set created_at = now() - make_interval(hours => $3),
         published_at = now() - make_interval(mins => $4)
       where (payload->'data'->>'seq')::int between $1 and $2`,
      [
        from,
        to,
        createdHoursAgo,
        publishedHoursAgo === undefined ? null : Math.round(publishedHoursAgo * 60),
      ],
    );
  };
  const remaining = async () =>
    (
      await pool.query<{ seq: number }>(
        `select (payload->'data'->>'seq')::int as seq from ladder_outbox order by id`,
      )
    ).rows.map((r) => r.seq);

  it('when rows were sent longer ago than keepPublishedMs, then a prune deletes those and keeps every other row', async () => {
    await writeEvents(pool, event, { count: 40, keys: 1, perTransaction: 10 });
    await age(0, 9, 30, 29); // sent a day and more ago: pruned
    await age(10, 19, 30); // written as long ago but never sent: kept
    await age(20, 29, 30, 0.5); // written long ago, sent half an hour ago (after an outage): kept
    // 30 to 39: written now, not sent: kept
    const relay = new OutboxRelay({
      pool,
      databaseUrl: db.url,
      kafka,
      logger: quietLogger,
      keepPublishedMs: 24 * 60 * 60 * 1000,
    });

    expect(await relay.prunePublished()).toBe(10);
    expect(await remaining()).toEqual(Array.from({ length: 30 }, (_, i) => i + 10));
    expect(await relay.prunePublished()).toBe(0);
  });
});
