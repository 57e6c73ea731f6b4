import { headersFor } from '@ladder/db';
import type { TopicDefinition } from '@ladder/events';
import { ensureTopics, type Kafka } from '@ladder/kafka';
import { benchEnvelope } from './bench-events.js';
import type { CpuMeter } from './cpu.js';
import { countKafkaRequests } from './kafka-requests.js';

export interface BareLoopRun {
  eventsPerSec: number;
  cpuSeconds: Record<string, number>;
  kafkaRequests: Record<string, number>;
}

/**
 * The baseline: `events` messages the size of an outbox row (the same value and headers), sent
 * by an idempotent producer with acks -1 like the relay's, `batchSize` to a request, and counted
 * by a consumer's eachBatch. Throughput = events / (first send to last message consumed).
 */
export async function bareKafkaLoop(
  kafka: Kafka,
  topic: TopicDefinition,
  options: { events: number; batchSize: number; keys: number; cpu: CpuMeter },
): Promise<BareLoopRun> {
  const n = options.events;
  await ensureTopics(kafka, [topic]);
  const consumer = kafka.consumer({ groupId: `${topic.name}.group` });
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: true });
  let received = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: ({ batch }) => {
        received += batch.messages.length;
        if (received >= n) resolve(performance.now());
        return Promise.resolve();
      },
    });
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const cpuDone = options.cpu.start();
  const requestsDone = countKafkaRequests();
  const started = performance.now();
  for (let first = 0; first < n; first += options.batchSize) {
    const messages = Array.from({ length: Math.min(options.batchSize, n - first) }, (_, i) => {
      const envelope = benchEnvelope(topic, first + i, options.keys);
      return {
        key: envelope.subject,
        value: JSON.stringify(envelope),
        headers: headersFor(envelope),
      };
    });
    await producer.send({ topic: topic.name, acks: -1, messages });
  }
  const finished = await done;
  const cpuSeconds = cpuDone();
  const kafkaRequests = requestsDone();
  await producer.disconnect();
  await consumer.disconnect();
  return { eventsPerSec: n / ((finished - started) / 1000), cpuSeconds, kafkaRequests };
}
