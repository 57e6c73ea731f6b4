import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testStack, type TestDatabase } from '@ladder/testing';
import type { Pool } from '@ladder/db';
import { ConsumerRunner, ensureTopics, on } from '../src/index.js';
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

const relayMain = fileURLToPath(new URL('../src/relay-main.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface RelayProcess {
  child: ChildProcess;
  /** Everything the process wrote so far (its log), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('the outbox relay process', () => {
  const total = 10_000;
  const topic = testTopic();
  const event = noteRecorded(topic);
  const kafka = testKafka('relay-crash-test');
  const children: RelayProcess[] = [];
  let db: TestDatabase;
  let pool: Pool;
  let runner: ConsumerRunner | undefined;

  /** Runs relay-main.ts as its own process, as it runs in production (through tsx). */
  const startRelayProcess = (logLevel = 'warn'): RelayProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', relayMain], {
      cwd: packageDir, // where `tsx` resolves from
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testStack().kafka.brokers.join(','),
        // Small batches: many commits, so a kill lands between some of them.
        RELAY_BATCH_SIZE: '100',
        LOG_LEVEL: logLevel,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
    const relay = { child, output: () => output, exited };
    children.push(relay);
    return relay;
  };

  const isRunning = (relay: RelayProcess): boolean =>
    relay.child.exitCode === null && relay.child.signalCode === null;

  const publishedCount = async (): Promise<number> => {
    const { rows } = await pool.query<{ n: string }>(
      'select count(*) as n from ladder_outbox where published_at is not null',
    );
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    db = await createTestDatabase('relay_crash');
    pool = await prepareDatabase(db.url);
    await ensureTopics(kafka, [topic]);
  });

  afterAll(async () => {
    // Whatever happened in the test, no relay process outlives it.
    for (const relay of children) {
      if (isRunning(relay)) relay.child.kill('SIGKILL');
      await relay.exited;
    }
    await runner?.stop();
    await pool?.end();
    await db?.drop();
  });

  it('when the relay process is killed in the middle of publishing and restarted, then every event is handled once and in order per key', async () => {
    await writeEvents(pool, event, { count: total, keys: 50 });

    const first = startRelayProcess();
    // Poll often (waitFor's 100 ms is too coarse): the kill has to land while the relay is still
    // publishing. Runs so far killed it at 1,500-1,600 rows, mostly with a batch sent but not marked.
    const deadline = Date.now() + 90_000;
    while ((await publishedCount()) < 1_500) {
      if (!isRunning(first)) throw new Error(`the relay process exited early:\n${first.output()}`);
      if (Date.now() > deadline)
        throw new Error(`the relay process published too little:\n${first.output()}`);
      await sleep(5);
    }
    first.child.kill('SIGKILL');
    const firstExit = await first.exited;
    expect(firstExit.signal).toBe('SIGKILL');

    // The batch in flight (sent to Kafka, perhaps) was rolled back with the dead connection; what
    // is marked now is what the killed relay committed. If it had finished, the test proves nothing.
    const publishedAtKill = await publishedCount();
    expect(publishedAtKill).toBeGreaterThanOrEqual(1_500);
    expect(publishedAtKill).toBeLessThan(total);

    const second = startRelayProcess();
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
    await waitFor('every outbox row published', async () => {
      if (!isRunning(second))
        throw new Error(`the restarted relay process exited:\n${second.output()}`);
      return (await publishedCount()) >= total;
    });
    await waitFor(`${total} effects`, async () => (await effectCount(pool)) >= total);
    await runner.stop();
    runner = undefined;

    expect(await effectCount(pool)).toBe(total);
    expect(await keysOutOfOrder(pool)).toEqual([]);
    expect(await publishedCount()).toBe(total);
  });

  it('when the relay process gets SIGTERM, then it stops cleanly and exits 0', async () => {
    const relay = startRelayProcess('info');
    await waitFor('the relay to start', () => {
      if (!isRunning(relay)) throw new Error(`the relay process exited early:\n${relay.output()}`);
      return Promise.resolve(relay.output().includes('outbox relay started'));
    });
    relay.child.kill('SIGTERM');

    const exit = await relay.exited;
    expect(exit, relay.output()).toEqual({ code: 0, signal: null });
    expect(relay.output()).toContain('outbox relay stopped');
  });
});
