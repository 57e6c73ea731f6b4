import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '@ladder/db';
import { BackboneMetrics, ConsumerRunner, on } from '../src/index.js';
import {
  noteRecorded,
  quietLogger,
  relayedDatabase,
  rewindGroup,
  testKafka,
  testTopic,
  waitFor,
  writeEvents,
  type RelayedDatabase,
} from './fixtures/backbone.js';

describe('pruning processed events', () => {
  const topic = testTopic(1);
  const event = noteRecorded(topic);
  const kafka = testKafka('processed-pruning-test');
  const groupId = `pruning-${topic.name}`;
  const day = 86_400_000;
  let backbone: RelayedDatabase;
  let pool: Pool;

  const startRunner = async (metrics: BackboneMetrics): Promise<ConsumerRunner> => {
    const runner = new ConsumerRunner({
      kafka,
      pool,
      logger: quietLogger,
      metrics,
      groupId,
      topics: [topic],
      catalogue: [event],
      keepProcessedMs: 2 * day,
      // Every handling is logged, so that an event handled twice shows twice.
      handlers: [
        on(event, async (e, { tx }) => {
          await tx.query('insert into handlings (event_id) values ($1)', [e.id]);
        }),
      ],
    });
    await runner.start();
    return runner;
  };
  const handlings = async (): Promise<Map<string, number>> => {
    const { rows } = await pool.query<{ event_id: string; n: number }>(
      'select event_id, count(*)::int as n from handlings group by event_id',
    );
    return new Map(rows.map((r) => [r.event_id, r.n]));
  };
  const processedIds = async (group: string): Promise<string[]> =>
    (
      await pool.query<{ event_id: string }>(
        'select event_id from ladder_processed_events where consumer_group = $1 order by event_id',
        [group],
      )
    ).rows.map((r) => r.event_id);

  beforeAll(async () => {
    backbone = await relayedDatabase('processed_pruning', kafka, topic);
    ({ pool } = backbone);
    await pool.query('create table handlings (event_id uuid not null)');
  });
  afterAll(async () => backbone.stop());

  it('when records are older than the retention, then only those are pruned, and only for the runner’s group', async () => {
    await writeEvents(pool, event, { count: 10, keys: 1 });
    const runner = await startRunner(new BackboneMetrics());
    await waitFor('ten handled', async () => (await handlings()).size >= 10);
    await runner.stop();
    const ids = await processedIds(groupId);
    expect(ids).toHaveLength(10);
    // Four records from before the retention, one just inside it; another group's old record.
    const old = ids.slice(0, 4);
    await pool.query(
      `update ladder_processed_events set processed_at = now() - interval '3 days'
       where consumer_group = $1 and event_id = any($2::uuid[])`,
      [groupId, old],
    );
    await pool.query(
      `update ladder_processed_events set processed_at = now() - interval '47 hours'
       where consumer_group = $1 and event_id = $2`,
      [groupId, ids[4]],
    );
    await pool.query(
      `insert into ladder_processed_events (consumer_group, event_id, processed_at)
       values ('another-group', $1, now() - interval '3 days')`,
      [ids[0]],
    );

    expect(await runner.pruneProcessed()).toBe(4);
    expect(await processedIds(groupId)).toEqual(ids.slice(4));
    expect(await processedIds('another-group')).toEqual([ids[0]]);
  });

  it('when the events are delivered again, then those inside the retention are skipped and only the pruned ones are handled again', async () => {
    const kept = await processedIds(groupId);
    await rewindGroup(kafka, groupId, topic.name);
    const metrics = new BackboneMetrics();
    const runner = await startRunner(metrics);
    const duplicates = async (): Promise<number> =>
      (await metrics.eventsDuplicate.get()).values[0]?.value ?? 0;
    await waitFor('the redeliveries', async () => (await duplicates()) >= 6);
    await waitFor(
      'the pruned handled again',
      async () => [...(await handlings()).values()].reduce((a, b) => a + b, 0) >= 14,
    );
    await runner.stop();

    const counts = await handlings();
    expect(await duplicates()).toBe(6);
    expect(kept.map((id) => counts.get(id))).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...counts.values()].filter((n) => n === 2)).toHaveLength(4);
  });

  it('when the retention is shorter than the topic keeps events, then the runner is refused', () => {
    expect(
      () =>
        new ConsumerRunner({
          kafka,
          pool,
          logger: quietLogger,
          groupId,
          topics: [topic],
          catalogue: [event],
          keepProcessedMs: topic.retentionMs - 1,
          handlers: [],
        }),
    ).toThrow(/shorter than the topics keep events/);
  });
});
