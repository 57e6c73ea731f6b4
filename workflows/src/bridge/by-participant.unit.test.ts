import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PoolClient } from '@ladder/db';
import { trainingCompletedV1, trainingEnrolledV1, type EventEnvelope } from '@ladder/events';
import type { EventSubscription } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { concurrentByParticipant } from './by-participant.js';

const logger = createLogger({ name: 'by-participant-test', level: 'silent' });
const context = { tx: {} as PoolClient, loggerFor: () => logger };

/** An envelope only: these handlers read its subject, type and id, not its data. */
const eventOf = (subject: string, type: 'enrolled' | 'completed'): EventEnvelope => {
  const definition = type === 'enrolled' ? trainingEnrolledV1 : trainingCompletedV1;
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    source: 'test',
    subject,
    correlationId: 'c',
    data: {},
  };
};

/** Subscriptions that log when each event starts and ends, each taking `ms` (or failing). */
function recording(ms: number, fail?: (event: EventEnvelope) => boolean) {
  const log: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const subscription = (definition: EventSubscription['definition']): EventSubscription => ({
    definition,
    handle: async ([event]) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      log.push(`start ${event!.subject} ${event!.id}`);
      await new Promise((r) => setTimeout(r, ms));
      inFlight -= 1;
      if (fail?.(event!)) throw new Error('signal failed');
      log.push(`end ${event!.subject} ${event!.id}`);
    },
  });
  return {
    log,
    mostInFlight: () => mostInFlight,
    subscriptions: [subscription(trainingEnrolledV1), subscription(trainingCompletedV1)],
  };
}

describe('concurrentByParticipant', () => {
  it('when a run holds two participants, then both are handled at once and each one in order', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const run = [eventOf(a, 'enrolled'), eventOf(b, 'enrolled'), eventOf(a, 'completed')];
    const { log, mostInFlight, subscriptions } = recording(20);
    const [handlers] = concurrentByParticipant(subscriptions);

    await handlers!.handle(run, context);

    const ended = log.filter((line) => line.startsWith('end'));
    expect(ended).toHaveLength(3);
    // a's second event starts only once its first has ended
    expect(log.indexOf(`start ${a} ${run[2]!.id}`)).toBeGreaterThan(
      log.indexOf(`end ${a} ${run[0]!.id}`),
    );
    // b did not wait for a: it started before a's first event ended
    expect(log.indexOf(`start ${b} ${run[1]!.id}`)).toBeLessThan(
      log.indexOf(`end ${a} ${run[0]!.id}`),
    );
    expect(mostInFlight()).toBe(2);
  });

  it('when there are more participants than lanes, then at most that many are handled at once', async () => {
    const run = Array.from({ length: 10 }, () => eventOf(randomUUID(), 'enrolled'));
    const { log, mostInFlight, subscriptions } = recording(5);
    const [handlers] = concurrentByParticipant(subscriptions, 3);

    await handlers!.handle(run, context);

    expect(log.filter((line) => line.startsWith('end'))).toHaveLength(10);
    expect(mostInFlight()).toBe(3);
  });

  it('when one event fails, then no later event starts, those in flight finish, and the run fails', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const run = [eventOf(a, 'enrolled'), eventOf(b, 'enrolled'), eventOf(a, 'completed')];
    const { log, subscriptions } = recording(10, (event) => event.id === run[0]!.id);
    const [handlers] = concurrentByParticipant(subscriptions);

    await expect(handlers!.handle(run, context)).rejects.toThrow('signal failed');

    expect(log).not.toContain(`start ${a} ${run[2]!.id}`);
    expect(log).toContain(`end ${b} ${run[1]!.id}`);
  });

  it('gives every subscription the one handler, so the runner hands it runs of mixed types', () => {
    const { subscriptions } = recording(1);
    const wrapped = concurrentByParticipant(subscriptions);
    expect(wrapped.map((s) => s.definition)).toEqual(subscriptions.map((s) => s.definition));
    expect(wrapped[0]!.handle).toBe(wrapped[1]!.handle);
  });
});
