import type { Kafka } from 'kafkajs';
import type { TopicDefinition } from '@ladder/events';

/**
 * How many messages a consumer group has still to read, summed over every partition of the
 * topics: the newest offsets now less what the group has committed (a partition it never committed
 * counts from its earliest offset, as a group reading from the beginning would).
 */
export async function consumerGroupLag(
  kafka: Kafka,
  groupId: string,
  topics: readonly TopicDefinition[],
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: topics.map((t) => t.name) });
    let lag = 0;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic.name);
      const mine = committed.find((c) => c.topic === topic.name)?.partitions ?? [];
      for (const end of ends) {
        const at = Number(mine.find((p) => p.partition === end.partition)?.offset ?? '-1');
        lag += Math.max(0, Number(end.high) - (at < 0 ? Number(end.low) : at));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
