import type { z } from 'zod';
import type { PoolClient } from '@ladder/db';
import type { EventDefinition, EventEnvelope } from '@ladder/events';
import type { Logger } from '@ladder/logger';
import { inBatchSpan, inEventSpan } from '@ladder/tracing';

/** An event as a handler of `D` receives it: parsed, upcast to `D`'s version, `data` typed by its schema. */
export type ConsumedEvent<D extends EventDefinition> = EventEnvelope<
  D['type'],
  z.output<D['data']>
>;

export interface HandlerContext {
  /** The transaction the event id is recorded in: write the handler's effects through it. */
  tx: PoolClient;
  /** Carries the event id, type, correlation id and traceparent. */
  logger: Logger;
}

/** Handles one event of `D`. */
export type EventHandler<D extends EventDefinition> = (
  event: ConsumedEvent<D>,
  context: HandlerContext,
) => Promise<void>;

export interface BatchHandlerContext {
  /** The transaction the events' ids are recorded in: write the handler's effects through it. */
  tx: PoolClient;
  /** A logger carrying one event's id, type, correlation id and traceparent. */
  loggerFor: (event: EventEnvelope) => Logger;
}

/**
 * Handles a run of consecutive events of `D` together, in order, in one transaction: for handlers
 * whose effects can be written for many events in one statement. A run may hold a single event
 * (a retry handles each message alone).
 */
export type BatchEventHandler<D extends EventDefinition> = (
  events: ConsumedEvent<D>[],
  context: BatchHandlerContext,
) => Promise<void>;

/**
 * A handler registered for one event definition, made by {@link on} or {@link onBatch} and passed
 * to the ConsumerRunner's `handlers`. The runner refuses one whose definition is not the newest
 * version of its type in its catalogue: older versions are upcast before any handler sees them.
 */
export interface EventSubscription {
  readonly definition: EventDefinition;
  /** Every handler, as the runner calls it: a run of events that `definition`'s schema parsed. */
  readonly handle: (events: EventEnvelope[], context: BatchHandlerContext) => Promise<void>;
}

/**
 * Registers a handler for the events of one definition; `event.data` is the schema's output type.
 *
 * @example on(referralSubmittedV3, async (event, { tx }) => startJourney(tx, event.data))
 */
export function on<const D extends EventDefinition>(
  definition: D,
  handler: EventHandler<D>,
): EventSubscription {
  return {
    definition,
    handle: async (events, { tx, loggerFor }) => {
      for (const event of events)
        await inEventSpan(event, definition.topic.name, () =>
          handler(asConsumed<D>(event), oneEventContext(tx, event, loggerFor)),
        );
    },
  };
}

/** Registers a batch handler (see {@link BatchEventHandler}) for the events of one definition. */
export function onBatch<const D extends EventDefinition>(
  definition: D,
  handler: BatchEventHandler<D>,
): EventSubscription {
  return {
    definition,
    handle: (events, context) =>
      inBatchSpan(events, definition.type, definition.topic.name, () =>
        handler(events.map(asConsumed<D>), context),
      ),
  };
}

/**
 * Hands one event to the subscription for its type, in the caller's transaction, as the runner
 * would: for tests that call handlers directly. The event must be of the subscription's version,
 * and its data is checked against the subscription's schema first, as the runner's parser does.
 */
export async function handleEvent(
  subscriptions: readonly EventSubscription[],
  event: EventEnvelope,
  context: HandlerContext,
): Promise<void> {
  const subscription = subscriptions.find((s) => s.definition.type === event.type);
  if (!subscription) throw new Error(`no handler for ${event.type}`);
  const { definition } = subscription;
  if (definition.version !== event.version)
    throw new Error(`${event.type} v${event.version}: the handler is for v${definition.version}`);
  const checked = { ...event, data: definition.data.parse(event.data) };
  await subscription.handle([checked], { tx: context.tx, loggerFor: () => context.logger });
}

/**
 * The one place event data is given its type: the runner only hands a subscription events that
 * its definition's schema parsed (it refuses a definition that is not the one its parser
 * targets), so the data is that schema's output.
 */
function asConsumed<D extends EventDefinition>(event: EventEnvelope): ConsumedEvent<D> {
  return event as ConsumedEvent<D>;
}

/**
 * A one-event handler's context. Its logger is made on first use: most handlers never log, and a
 * pino child per event costs more than the rest of the runner's per-event work.
 */
function oneEventContext(
  tx: PoolClient,
  event: EventEnvelope,
  loggerFor: (event: EventEnvelope) => Logger,
): HandlerContext {
  let logger: Logger | undefined;
  return {
    tx,
    get logger() {
      return (logger ??= loggerFor(event));
    },
  };
}
