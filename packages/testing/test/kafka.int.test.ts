import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { testStack, uniqueSuffix, uniqueTopic } from '../src/index.js';

/** Consumes until `count` messages arrived, committing each one's offset as it is handled. */
async function consumeAndCommit(
  consumer: Consumer,
  topic: string,
  count: number,
): Promise<string[]> {
  const seen: string[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          if (seen.length >= count) return; // later messages of the batch stay uncommitted
          seen.push(message.value?.toString() ?? '');
          await consumer.commitOffsets([
            { topic, partition, offset: String(Number(message.offset) + 1) },
          ]);
          if (seen.length === count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}

describe('the Kafka of the test stack', () => {
  let kafka: Kafka;
  const topic = uniqueTopic('proof.messages');

  beforeAll(async () => {
    kafka = new Kafka({
      clientId: 'proof',
      brokers: testStack().kafka.brokers,
      logLevel: logLevel.ERROR,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: `m${i + 1}` })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('when a consumer group member restarts, then it resumes after the last committed offset', async () => {
    const groupId = `proof-${uniqueSuffix()}`;
    const first = await consumeAndCommit(kafka.consumer({ groupId }), topic, 4);
    const afterRestart = await consumeAndCommit(kafka.consumer({ groupId }), topic, 6);

    expect(first).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(afterRestart).toEqual(['m5', 'm6', 'm7', 'm8', 'm9', 'm10']);
  });
});
