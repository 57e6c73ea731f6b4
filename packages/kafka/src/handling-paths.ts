import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from '@ladder/db';
import type { EventEnvelope } from '@ladder/events';
import type { Logger } from '@ladder/logger';
import { handleOnce } from './handled-once.js';
import type { RunHandler } from './handler-registry.js';
import type { DecodedEvent } from './message-decoder.js';
import type { BackboneMetrics } from './metrics.js';

/** What both handling paths work with. */
export interface HandlingContext {
  pool: Pool;
  groupId: string;
  metrics?: BackboneMetrics | undefined;
  /** A logger carrying one event's id, type, correlation id and traceparent. */
  loggerFor: (event: EventEnvelope) => Logger;
}

/** How the slow path retries one message before giving up on it. */
export interface RetryPolicy {
  maxAttempts: number;
  /** Wait before retry `attempt` (1-based). */
  retryDelayMs: (attempt: number) => number;
  /** Between retries, so the group does not take the partition away while the runner waits. */
  heartbeat: () => Promise<void>;
  /** Called once the last attempt failed, with the error's message and the attempts made. */
  giveUp: (error: string, attempts: number) => Promise<void>;
}

/**
 * The fast path: a run of consecutive events in one transaction. Consecutive events of one
 * handler go to it together; order across handlers holds. Throws if any handler does, and then
 * nothing of the run is recorded.
 */
export async function handleTogether(
  context: HandlingContext,
  run: readonly DecodedEvent[],
): Promise<void> {
  const { groupId, pool, metrics, loggerFor } = context;
  const ids = run.map((item) => item.event.id);
  await handleOnce(pool, groupId, ids, async (tx, unrecorded) => {
    const handled: string[] = [];
    const handlerContext = { tx, loggerFor };
    let events: EventEnvelope[] = [];
    let handler: RunHandler | undefined;
    for (const next of run) {
      // delete: the same event twice in one batch (a relay resend) is handled once
      if (!unrecorded.delete(next.event.id)) {
        metrics?.eventsDuplicate.inc({ group: groupId });
        continue;
      }
      handled.push(next.event.id);
      if (handler !== next.handler && handler) {
        await handler(events, handlerContext);
        events = [];
      }
      handler = next.handler;
      events.push(next.event);
    }
    if (handler) await handler(events, handlerContext);
    return handled;
  });
  for (const item of run) countHandled(context, item.event);
}

/**
 * The slow path: one event in its own transaction, retried with backoff; after the last attempt
 * fails it is given up (sent to dead letters by the caller) and the partition moves on.
 */
export async function handleAlone(
  context: HandlingContext,
  retry: RetryPolicy,
  { event, handler }: DecodedEvent,
): Promise<void> {
  const { groupId, pool, metrics } = context;
  const logger = context.loggerFor(event);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await handleOnce(pool, groupId, [event.id], async (tx, unrecorded) => {
        if (unrecorded.size === 0) {
          metrics?.eventsDuplicate.inc({ group: groupId });
          return [];
        }
        await handler([event], { tx, loggerFor: () => logger });
        return [event.id];
      });
      countHandled(context, event);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= retry.maxAttempts) {
        logger.error(
          { err: error, attempt },
          'handler failed for the last time; sending to dead letters',
        );
        await retry.giveUp(message, attempt);
        return;
      }
      metrics?.eventsRetried.inc({ group: groupId });
      logger.warn({ err: error, attempt }, 'handler failed; retrying');
      await sleep(retry.retryDelayMs(attempt));
      await retry.heartbeat();
    }
  }
}

function countHandled({ metrics, groupId }: HandlingContext, event: EventEnvelope): void {
  if (!metrics) return;
  metrics.eventsHandled.inc({ group: groupId, type: event.type });
  metrics.handleSeconds.observe(
    { group: groupId },
    (Date.now() - Date.parse(event.occurredAt)) / 1000,
  );
}
