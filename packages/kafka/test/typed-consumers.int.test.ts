import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendToOutbox, withTransaction, type Pool } from '@ladder/db';
import { createEnvelope, defineEvent, type EventEnvelope, type Upcaster } from '@ladder/events';
import {
  BackboneMetrics,
  ConsumerRunner,
  deadLetterHeader,
  listDeadLetters,
  on,
} from '../src/index.js';
import {
  noteRecorded,
  quietLogger,
  relayedDatabase,
  testKafka,
  testTopic,
  waitFor,
  type RelayedDatabase,
} from './fixtures/backbone.js';

describe('a typed consumer', () => {
  const topic = testTopic(1);
  const kafka = testKafka('typed-consumers-test');
  const noteV1 = noteRecorded(topic);
  // v2 says where a note came from; v1 notes were all written by hand.
  const noteV2 = defineEvent({
    type: 'NoteRecorded',
    version: 2,
    topic,
    description: 'test only',
    data: z.object({ seq: z.number().int(), origin: z.enum(['by-hand', 'imported']) }),
  });
  const noteUpcaster: Upcaster = {
    type: 'NoteRecorded',
    from: 1,
    upcast: (data) => ({ ...(data as object), origin: 'by-hand' }),
  };
  // A type this consumer knows but has no handler for.
  const noteArchived = defineEvent({
    type: 'NoteArchived',
    version: 1,
    topic,
    description: 'test only',
    data: z.object({ seq: z.number().int() }),
  });
  const groupId = `typed-${topic.name}`;
  const metrics = new BackboneMetrics();
  const handled: { seq: number; origin: 'by-hand' | 'imported' }[] = [];
  let backbone: RelayedDatabase;
  let pool: Pool;
  let runner: ConsumerRunner;

  const context = { source: 'test', subject: 'key-0', correlationId: 'c' };
  const write = (envelopes: EventEnvelope[]) =>
    withTransaction(pool, (tx) =>
      appendToOutbox(
        tx,
        envelopes.map((envelope) => ({ topic: topic.name, envelope })),
      ),
    );
  const skipped = async (type: string): Promise<number> =>
    (await metrics.eventsSkipped.get()).values.find(
      (v) => v.labels.group === groupId && v.labels.type === type,
    )?.value ?? 0;

  beforeAll(async () => {
    backbone = await relayedDatabase('typed_consumers', kafka, topic);
    ({ pool } = backbone);
    runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      metrics,
      groupId,
      topics: [topic],
      catalogue: [noteV1, noteV2, noteArchived],
      upcasters: [noteUpcaster],
      retryDelayMs: () => 50,
      handlers: [
        on(noteV2, (event) => {
          handled.push({ seq: event.data.seq, origin: event.data.origin });
          return Promise.resolve();
        }),
      ],
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await backbone.stop();
  });

  it('when v1 and v2 events arrive, then the v2 handler gets both, the v1 ones upcast', async () => {
    await write([
      createEnvelope(noteV1, { seq: 1 }, context),
      createEnvelope(noteV2, { seq: 2, origin: 'imported' }, context),
      createEnvelope(noteV1, { seq: 3 }, context),
    ]);
    await waitFor('three notes handled', () => Promise.resolve(handled.length >= 3));

    expect(handled).toEqual([
      { seq: 1, origin: 'by-hand' },
      { seq: 2, origin: 'imported' },
      { seq: 3, origin: 'by-hand' },
    ]);
  });

  it('when events of a type with no handler arrive, then they are skipped and counted, and later events are handled', async () => {
    await write([
      createEnvelope(noteArchived, { seq: 4 }, context),
      createEnvelope(noteArchived, { seq: 5 }, context),
      createEnvelope(noteV2, { seq: 6, origin: 'imported' }, context),
    ]);
    await waitFor('the note after the skipped ones', () =>
      Promise.resolve(handled.some((h) => h.seq === 6)),
    );

    expect(await skipped('NoteArchived')).toBe(2);
    expect(handled.map((h) => h.seq)).toEqual([1, 2, 3, 6]);
    expect(await listDeadLetters(kafka, topic.deadLetterTopic)).toEqual([]);
  });

  it('when an event of a handled type fails its schema, then it goes to dead letters with the reason in a header, and is not handled', async () => {
    const bad = createEnvelope(noteV2, { seq: 7, origin: 'imported' }, context);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: [
        {
          key: 'key-0',
          value: JSON.stringify({ ...bad, data: { seq: 'seven', origin: 'x' } }),
          headers: { 'event-id': bad.id },
        },
      ],
    });
    await producer.disconnect();
    await write([createEnvelope(noteV2, { seq: 8, origin: 'imported' }, context)]);

    await waitFor('the note after the bad one', () =>
      Promise.resolve(handled.some((h) => h.seq === 8)),
    );
    const letters = await listDeadLetters(kafka, topic.deadLetterTopic);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter?.eventId).toBe(bad.id);
    expect(letter?.headers[deadLetterHeader.reason]?.toString()).toBe('invalid');
    expect(letter?.error).toMatch(/data\.seq: /);
    expect(letter?.error).toMatch(/data\.origin: /);
    expect(letter?.attempts).toBe(0);
    expect(handled.map((h) => h.seq)).toEqual([1, 2, 3, 6, 8]);
  });
});
