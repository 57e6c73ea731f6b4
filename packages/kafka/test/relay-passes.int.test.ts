import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import type { Pool } from '@ladder/db';
import { BackboneMetrics, ConsumerRunner, OutboxRelay, ensureTopics } from '../src/index.js';
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
      handlers: { NoteRecorded: recordEffect },
      event,
    });
    await waitFor(`${total} effects`, async () => (await effectCount(pool)) >= total);
    expect(await effectCount(pool)).toBe(total);
    expect(await keysOutOfOrder(pool)).toEqual([]);
  });
});
