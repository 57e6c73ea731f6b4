import { z } from 'zod';
import {
  createEnvelope,
  defineEvent,
  type EventEnvelope,
  type TopicDefinition,
} from '@ladder/events';

/** A throwaway topic for one benchmark run, with its dead-letter topic. */
export const benchTopic = (name: string, partitions: number): TopicDefinition => ({
  name,
  partitions,
  retentionMs: 3_600_000,
  deadLetterTopic: `${name}.dlq`,
  deadLetterRetentionMs: 3_600_000,
  description: 'bench',
});

const benchData = z.object({ seq: z.number().int(), note: z.string() });
const defineBenchEvent = (topic: TopicDefinition) =>
  defineEvent({
    type: 'BenchEventHappened',
    version: 1,
    topic,
    description: 'bench only',
    data: benchData,
  });
export type BenchEvent = ReturnType<typeof defineBenchEvent>;

const benchEvents = new Map<string, BenchEvent>();
/** One definition per topic: building a zod schema per event would cost more than the backbone. */
export function benchEvent(topic: TopicDefinition): BenchEvent {
  let event = benchEvents.get(topic.name);
  if (!event) benchEvents.set(topic.name, (event = defineBenchEvent(topic)));
  return event;
}

/** Pads the data so an envelope is the size of a real one (about 400 bytes). */
const note = 'x'.repeat(150);

/** Event number `seq`, keyed round-robin over `keys` keys. */
export const benchEnvelope = (topic: TopicDefinition, seq: number, keys: number): EventEnvelope =>
  createEnvelope(
    benchEvent(topic),
    { seq, note },
    { source: 'bench', subject: `key-${seq % keys}`, correlationId: crypto.randomUUID() },
  );
