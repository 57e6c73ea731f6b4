import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterHeader, headerText, originalHeaders } from './dead-letter-headers.js';

export interface DeadLetter {
  /** The dead letter's own offset in the dead-letter topic: what `replay` takes. */
  offset: string;
  eventId?: string;
  eventType?: string;
  reason?: string;
  error?: string;
  attempts?: number;
  consumerGroup?: string;
  originalTopic?: string;
  originalPartition?: number;
  originalOffset?: string;
  failedAt?: string;
  replayed: boolean;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/**
 * Reads a whole topic, up to its end when called, without joining a lasting group or committing:
 * for listing dead letters, and for tests that search what actually went over Kafka.
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<KafkaMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const pending = new Map(
    ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]),
  );
  if (pending.size === 0) return [];
  const groupId = `ladder-dead-letter-reader-${crypto.randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ partition, message }) => {
            messages.push(message);
            const end = pending.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) pending.delete(partition);
            if (pending.size === 0) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return messages.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
}

/** Lists a dead-letter topic's letters, each marked replayed or not. */
export async function listDeadLetters(
  kafka: Kafka,
  deadLetterTopic: string,
): Promise<DeadLetter[]> {
  const messages = await readTopic(kafka, deadLetterTopic);
  const replayed = new Set(
    messages
      .map((m) => headerText(m.headers, deadLetterHeader.replayedOffset))
      .filter((o) => o !== undefined),
  );
  return messages
    .filter((m) => headerText(m.headers, deadLetterHeader.replayedOffset) === undefined)
    .map((m) => {
      const text = (name: string): string | undefined => headerText(m.headers, name);
      const partition = text(deadLetterHeader.originalPartition);
      const attempts = text(deadLetterHeader.attempts);
      return {
        offset: m.offset,
        eventId: text('event-id'),
        eventType: text('event-type'),
        reason: text(deadLetterHeader.reason),
        error: text(deadLetterHeader.error),
        attempts: attempts === undefined ? undefined : Number(attempts),
        consumerGroup: text(deadLetterHeader.consumerGroup),
        originalTopic: text(deadLetterHeader.originalTopic),
        originalPartition: partition === undefined ? undefined : Number(partition),
        originalOffset: text(deadLetterHeader.originalOffset),
        failedAt: text(deadLetterHeader.failedAt),
        replayed: replayed.has(m.offset),
        key: m.key,
        value: m.value,
        headers: m.headers ?? {},
      };
    });
}

/**
 * Publishes dead letters back to their original topics (after the cause was fixed), then writes a
 * marker to the dead-letter topic so each is replayed once. `offsets` picks letters; without it,
 * every letter not yet replayed goes. Returns the offsets replayed.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  deadLetterTopic: string,
  offsets?: readonly string[],
): Promise<string[]> {
  const letters = (await listDeadLetters(kafka, deadLetterTopic)).filter(
    (l) => !l.replayed && (offsets === undefined || offsets.includes(l.offset)),
  );
  if (letters.length === 0) return [];
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const letter of letters) {
      if (letter.originalTopic === undefined) continue;
      const headers = originalHeaders({ headers: letter.headers } as KafkaMessage);
      await producer.send({
        topic: letter.originalTopic,
        acks: -1,
        messages: [{ key: letter.key, value: letter.value, headers }],
      });
      await producer.send({
        topic: deadLetterTopic,
        acks: -1,
        messages: [
          {
            key: letter.key,
            value: null,
            headers: { [deadLetterHeader.replayedOffset]: letter.offset },
          },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return letters.filter((l) => l.originalTopic !== undefined).map((l) => l.offset);
}
