import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '@ladder/db';
import {
  ConsumerRunner,
  listDeadLetters,
  on,
  onBatch,
  type BatchEventHandler,
} from '../src/index.js';
import {
  effectCount,
  keysOutOfOrder,
  noteRecorded,
  type NoteRecorded,
  quietLogger,
  relayedDatabase,
  rewindGroup,
  startNotesRunner,
  testKafka,
  testTopic,
  waitFor,
  writeEvents,
  type RelayedDatabase,
} from './fixtures/backbone.js';

describe('a batch handler', () => {
  const topic = testTopic();
  const event = noteRecorded(topic);
  const kafka = testKafka('batch-handler-test');
  const groupId = `batch-notes-${topic.name}`;
  let backbone: RelayedDatabase;
  let pool: Pool;
  const runSizes: number[] = [];
  let failSeq = -1;

  // Every event of the run in one statement, as a handler that writes for many events would.
  const recordEffects: BatchEventHandler<NoteRecorded> = async (events, { tx }) => {
    runSizes.push(events.length);
    const seqs = events.map((e) => e.data.seq);
    if (seqs.includes(failSeq)) throw new Error(`cannot handle seq ${failSeq}`);
    await tx.query(
      `insert into effects (event_id, subject, seq)
       select id, subject, seq from unnest($1::uuid[], $2::text[], $3::int[])
         with ordinality as e(id, subject, seq, n)
       order by n`,
      [events.map((e) => e.id), events.map((e) => e.subject), seqs],
    );
  };
  const startRunner = (): Promise<ConsumerRunner> =>
    startNotesRunner({
      kafka,
      pool,
      groupId,
      event,
      handlers: [onBatch(event, recordEffects)],
    });

  beforeAll(async () => {
    backbone = await relayedDatabase('batch_handler', kafka, topic);
    ({ pool } = backbone);
  });
  afterAll(async () => backbone.stop());

  it('when events arrive, then it gets them in runs, and each is handled once and in order per key', async () => {
    await writeEvents(pool, event, { count: 600, keys: 12 });
    const runner = await startRunner();
    await waitFor('600 effects', async () => (await effectCount(pool)) >= 600);
    await runner.stop();

    expect(await effectCount(pool)).toBe(600);
    expect(await keysOutOfOrder(pool)).toEqual([]);
    expect(Math.max(...runSizes)).toBeGreaterThan(1);
  });

  it('when every event is delivered again, then the handler is not called for any of them', async () => {
    await rewindGroup(kafka, groupId, topic.name);
    runSizes.length = 0;
    await writeEvents(pool, event, { count: 1, keys: 1, startSeq: 5_000 });

    const runner = await startRunner();
    // The new event comes after the 600 old ones on its partition: once it is in, they are past.
    await waitFor('the new event', async () => (await effectCount(pool)) >= 601);
    await runner.stop();

    expect(await effectCount(pool)).toBe(601);
    expect(runSizes.reduce((sum, n) => sum + n, 0)).toBe(1);
  });

  it('when one event of a run fails every time, then it alone goes to dead letters and the rest are handled', async () => {
    failSeq = 3_000; // the 11th of seqs 2,990 to 3,009, all on one key
    await writeEvents(pool, event, { count: 20, keys: 1, startSeq: 2_990 });
    const runner = await startRunner();
    await waitFor(
      'a dead letter',
      async () => (await listDeadLetters(kafka, topic.deadLetterTopic)).length >= 1,
      60_000,
    );
    await waitFor('the other 19 handled', async () => (await effectCount(pool)) >= 620);
    await runner.stop();

    const letters = await listDeadLetters(kafka, topic.deadLetterTopic);
    expect(letters.map((l) => [l.reason, l.attempts])).toEqual([['handler-failed', 5]]);
    expect(await effectCount(pool)).toBe(620);
  });

  it('when an event type has both a handler and a batch handler, then the runner refuses to be built', () => {
    expect(
      () =>
        new ConsumerRunner({
          kafka,
          pool,
          logger: quietLogger,
          groupId,
          topics: [topic],
          catalogue: [event],
          handlers: [on(event, () => Promise.resolve()), onBatch(event, recordEffects)],
        }),
    ).toThrow(/NoteRecorded has more than one handler/);
  });
});
