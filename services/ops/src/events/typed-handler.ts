import {
  eventCatalogue,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@ladder/events';
import type { EventHandler, HandlerContext } from '@ladder/kafka';

/**
 * A handler for one event definition with its data typed. The consumer runner upcasts every event
 * to the newest version of its type and checks it against that version's schema, so a handler is
 * only ever given the newest version: this refuses any other at start-up.
 */
export function on<D extends EventDefinition>(
  definition: D,
  handle: (data: EventData<D>, event: EventEnvelope, context: HandlerContext) => Promise<void>,
): [string, EventHandler] {
  const newest = Math.max(
    ...eventCatalogue.filter((d) => d.type === definition.type).map((d) => d.version),
  );
  if (definition.version !== newest)
    throw new Error(`${definition.type} v${definition.version} is not the newest (v${newest})`);
  return [definition.type, (event, context) => handle(event.data as EventData<D>, event, context)];
}
