import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayStack, type ThrowawayStack } from '@ladder/infra';
import type { Pool } from '@ladder/db';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, on } from '../src/index.js';
import {
  effectCount,
  keysOutOfOrder,
  noteRecorded,
  prepareDatabase,
  recordEffect,
  quietLogger,
  testTopic,
  waitFor,
  writeEvents,
} from './fixtures/backbone.js';

describe('a Kafka outage', () => {
  // A Kafka of this file's own: the shared one must stay up for the other test files.
  let stack: ThrowawayStack;
  let db: TestDatabase;
  let pool: Pool;
  const topic = testTopic(3);
  const event = noteRecorded(topic);

  beforeAll(async () => {
    stack = await startThrowawayStack(['kafka']);
    db = await createTestDatabase('outage');
    pool = await prepareDatabase(db.url);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
    await stack.stop();
  });

  it('when the broker is down for 30 s while the service keeps writing, then nothing is lost and the backlog drains', async () => {
    const kafka = createKafka({
      brokers: stack.endpoints.kafka.brokers,
      clientId: 'outage-test',
      logger: quietLogger,
    });
    await ensureTopics(kafka, [topic]);
    const relay = new OutboxRelay({ pool, databaseUrl: db.url, kafka, logger: quietLogger });
    const runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      groupId: `outage-${topic.name}`,
      topics: [topic],
      handlers: [on(event, recordEffect)],
      catalogue: [event],
    });
    await relay.start();
    await runner.start();

    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await writeEvents(pool, event, { count: 10, keys: 20, startSeq: written });
        written += 10;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await waitFor(
      'some events handled before the outage',
      async () => (await effectCount(pool)) >= 50,
    );
    await stack.stopServer('kafka');
    const writtenAtOutage = written;
    await new Promise((r) => setTimeout(r, 30_000));
    const backlogDuringOutage = (await relay.backlog()).rows;
    expect(written - writtenAtOutage).toBeGreaterThan(100); // the service kept writing
    expect(backlogDuringOutage).toBeGreaterThan(100); // and its events waited in the outbox
    await stack.startServer('kafka');
    writing = false;
    await writer;

    await waitFor(
      'every written event handled',
      async () => (await effectCount(pool)) >= written,
      150_000,
    );
    await waitFor('the backlog drained', async () => (await relay.backlog()).rows === 0, 30_000);
    await runner.stop();
    await relay.stop();

    expect(await effectCount(pool)).toBe(written);
    expect(await keysOutOfOrder(pool)).toEqual([]);
  }, 300_000);
});
