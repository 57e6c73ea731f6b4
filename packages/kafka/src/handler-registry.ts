import type { EventDefinition } from '@ladder/events';
import type { EventSubscription } from './subscriptions.js';

/** A subscription's handler as the runner calls it: a run of parsed, upcast events of its type. */
export type RunHandler = EventSubscription['handle'];

/**
 * Each subscription's handler by its type. Refuses a second handler for one type, and a handler
 * for any definition but the newest of its type in the catalogue: the parser upcasts every event
 * to that version before a handler sees it, so a handler for another version would be handed data
 * of a shape its type does not describe.
 */
export function handlersByType(
  subscriptions: readonly EventSubscription[],
  catalogue: readonly EventDefinition[],
): Map<string, RunHandler> {
  const newest = new Map<string, EventDefinition>();
  for (const def of catalogue) {
    const current = newest.get(def.type);
    if (current === undefined || def.version > current.version) newest.set(def.type, def);
  }
  const handlers = new Map<string, RunHandler>();
  for (const { definition, handle } of subscriptions) {
    const { type, version } = definition;
    const target = newest.get(type);
    if (target === undefined) throw new Error(`${type} is not in this consumer's event catalogue`);
    if (target.version !== version) {
      throw new Error(
        `a handler for ${type} v${version}, but events are upcast to v${target.version} before ` +
          `handlers run: register it for v${target.version}`,
      );
    }
    if (target !== definition)
      throw new Error(`${type} v${version} is not the definition in this consumer's catalogue`);
    if (handlers.has(type)) throw new Error(`${type} has more than one handler`);
    handlers.set(type, handle);
  }
  return handlers;
}
