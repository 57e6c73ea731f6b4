import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '@ladder/db';
import {
  BackboneMetrics,
  type ConsumerRunner,
  type OutboxRelay,
  listDeadLetters,
  replayDeadLetters,
  on,
  type EventHandler,
} from '../src/index.js';
import {
  effectCount,
  keysOutOfOrder,
  noteRecorded,
  recordEffect,
  relayedDatabase,
  rewindGroup,
  startNotesRunner,
  testKafka,
  testTopic,
  waitFor,
  writeEvents,
  type NoteRecorded,
  type RelayedDatabase,
} from './fixtures/backbone.js';

describe('the event backbone', () => {
  const topic = testTopic();
  const event = noteRecorded(topic);
  const kafka = testKafka();
  const groupId = `notes-${topic.name}`;
  let backbone: RelayedDatabase;
  let pool: Pool;
  let relay: OutboxRelay;
  let failSeq = -1; // the handler fails on events with this seq, to make a poison message

  const recordOrFail: EventHandler<NoteRecorded> = async (e, context) => {
    const { seq } = e.data;
    if (seq === failSeq) throw new Error(`cannot handle seq ${seq}`);
    await recordEffect(e, context);
  };
  const startRunner = (metrics = new BackboneMetrics()): Promise<ConsumerRunner> =>
    startNotesRunner({
      kafka,
      pool,
      groupId,
      event,
      metrics,
      handlers: [on(event, recordOrFail)],
    });

  beforeAll(async () => {
    backbone = await relayedDatabase('backbone', kafka, topic);
    ({ pool, relay } = backbone);
  });
  afterAll(async () => backbone.stop());

  it('when events are written to the outbox, then each is handled once and in order per key', async () => {
    await writeEvents(pool, event, { count: 600, keys: 12 });
    const runner = await startRunner();
    await waitFor('600 effects', async () => (await effectCount(pool)) >= 600);
    await runner.stop();

    expect(await effectCount(pool)).toBe(600);
    expect(await keysOutOfOrder(pool)).toEqual([]);
    expect((await relay.backlog()).rows).toBe(0);
  });

  it('when every event is delivered again from offset 0, then no side effect happens twice', async () => {
    await rewindGroup(kafka, groupId, topic.name);

    const metrics = new BackboneMetrics();
    const runner = await startRunner(metrics);
    const duplicates = async (): Promise<number> =>
      (await metrics.eventsDuplicate.get()).values[0]?.value ?? 0;
    await waitFor('600 redeliveries', async () => (await duplicates()) >= 600);
    await runner.stop();

    expect(await duplicates()).toBe(600);
    expect(await effectCount(pool)).toBe(600);
  });

  it('when a message is poison, then it reaches dead letters and later messages are still handled', async () => {
    const runner = await startRunner();
    failSeq = 1_000_000;
    // Seq 1,000,000 fails on every attempt; a non-event lands on the same partition as key-0.
    await writeEvents(pool, event, { count: 1, keys: 1, startSeq: 1_000_000 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: [{ key: 'key-0', value: 'this is not an event' }],
    });
    await producer.disconnect();
    await writeEvents(pool, event, { count: 10, keys: 1, startSeq: 2_000_000 });

    await waitFor(
      'two dead letters',
      async () => (await listDeadLetters(kafka, topic.deadLetterTopic)).length >= 2,
      60_000,
    );
    await waitFor('later events handled', async () => (await effectCount(pool)) >= 610);
    await runner.stop();

    const letters = await listDeadLetters(kafka, topic.deadLetterTopic);
    expect(letters.map((l) => [l.reason, l.attempts, l.originalTopic])).toEqual(
      expect.arrayContaining([
        ['handler-failed', 5, topic.name],
        ['invalid', 0, topic.name],
      ]),
    );
    expect(await effectCount(pool)).toBe(610);
  });

  it('when a dead letter is replayed after the fault is fixed, then it is handled, and only once', async () => {
    failSeq = -1;
    const failed = (await listDeadLetters(kafka, topic.deadLetterTopic)).find(
      (l) => l.reason === 'handler-failed',
    );
    expect(failed).toBeDefined();
    expect(await replayDeadLetters(kafka, topic.deadLetterTopic, [failed!.offset])).toEqual([
      failed!.offset,
    ]);
    expect(await replayDeadLetters(kafka, topic.deadLetterTopic, [failed!.offset])).toEqual([]);

    const runner = await startRunner();
    await waitFor('the replayed event handled', async () => (await effectCount(pool)) >= 611);
    await runner.stop();

    const remaining = await listDeadLetters(kafka, topic.deadLetterTopic);
    expect(remaining.find((l) => l.offset === failed!.offset)?.replayed).toBe(true);
    expect(await effectCount(pool)).toBe(611);
  });
});
