import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToOutbox, withTransaction, type Pool } from '@ladder/db';
import { createEnvelope } from '@ladder/events';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import { ConsumerRunner, OutboxRelay, ensureTopics, readTopic, on } from '../src/index.js';
import {
  noteRecorded,
  prepareDatabase,
  quietLogger,
  testKafka,
  testTopic,
  waitFor,
} from './fixtures/backbone.js';

describe('tracing across the backbone', () => {
  const topic = testTopic(1);
  const event = noteRecorded(topic);
  const kafka = testKafka();
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('tracing');
    pool = await prepareDatabase(db.url);
    await ensureTopics(kafka, [topic]);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it("when an event carries a traceparent and correlation id, then they reach Kafka headers and the handler's logger", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const envelope = createEnvelope(
      event,
      { seq: 1 },
      { source: 'test', subject: 'p-1', correlationId: 'corr-42', traceparent },
    );
    await withTransaction(pool, (tx) => appendToOutbox(tx, [{ topic: topic.name, envelope }]));

    const relay = new OutboxRelay({ pool, databaseUrl: db.url, kafka, logger: quietLogger });
    await relay.start();
    const seen: Record<string, unknown>[] = [];
    const runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      groupId: `tracing-${topic.name}`,
      topics: [topic],
      catalogue: [event],
      handlers: [on(event, (_e, { logger }) => Promise.resolve(void seen.push(logger.bindings())))],
    });
    await runner.start();
    await waitFor('the event handled', () => Promise.resolve(seen.length > 0));
    await runner.stop();
    await relay.stop();

    expect(seen[0]).toMatchObject({
      eventId: envelope.id,
      eventType: 'NoteRecorded',
      correlationId: 'corr-42',
      traceparent,
    });
    const [message] = await readTopic(kafka, topic.name);
    expect(message?.headers?.traceparent?.toString()).toBe(traceparent);
    expect(message?.headers?.['correlation-id']?.toString()).toBe('corr-42');
    expect(message?.key?.toString()).toBe('p-1');
  });
});
