import type { EventDefinition } from '@ladder/events';
import { on, type ConsumedEvent, type EventSubscription, type HandlerContext } from '@ladder/kafka';

/**
 * `on(definition, ...)` for projection handlers that read the event's data first: most of them
 * only need the data, and the event's id and time second.
 */
export function handle<D extends EventDefinition>(
  definition: D,
  project: (
    data: ConsumedEvent<D>['data'],
    event: ConsumedEvent<D>,
    context: HandlerContext,
  ) => Promise<void>,
): EventSubscription {
  return on(definition, (event, context) => project(event.data, event, context));
}
