import { z } from 'zod';
import type { TopicDefinition } from './topics.js';

/** One version of one event type: its data schema and the topic it is published on. */
export interface EventDefinition<
  Type extends string = string,
  Schema extends z.ZodType = z.ZodType,
> {
  type: Type;
  version: number;
  topic: TopicDefinition;
  /** Who publishes it and what it means, for docs/events.md. */
  description: string;
  data: Schema;
}

export function defineEvent<const Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}

/** The data type of an event definition. */
export type EventData<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

/**
 * Turns data of version `from` into data of version `from + 1`. A published version is never
 * edited: a breaking change adds the next version and one of these.
 */
export interface Upcaster {
  type: string;
  from: number;
  upcast(data: unknown): unknown;
}
