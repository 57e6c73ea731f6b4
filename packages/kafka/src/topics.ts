import type { Kafka } from 'kafkajs';
import type { TopicDefinition } from '@ladder/events';

/** Creates each topic and its dead-letter topic if missing (idempotent; safe at every start). */
export async function ensureTopics(
  kafka: Kafka,
  definitions: readonly TopicDefinition[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = definitions.flatMap((t) => [
      { topic: t.name, numPartitions: t.partitions, retentionMs: t.retentionMs },
      { topic: t.deadLetterTopic, numPartitions: 1, retentionMs: t.deadLetterRetentionMs },
    ]);
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.numPartitions,
        configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
