import type { ConsumerConfig, Kafka, ProducerConfig } from 'kafkajs';

/** Kafka requests by API (Produce, Fetch, ...) made by every producer and consumer of the bench. */
const kafkaRequests = new Map<string, number>();
const countRequest = ({ payload }: { payload: { apiName: string } }): void =>
  void kafkaRequests.set(payload.apiName, (kafkaRequests.get(payload.apiName) ?? 0) + 1);
/** Counts requests from here on: call the result for the counts since. */
export function countKafkaRequests(): () => Record<string, number> {
  const before = new Map(kafkaRequests);
  return () =>
    Object.fromEntries(
      [...kafkaRequests]
        .map(([api, count]) => [api, count - (before.get(api) ?? 0)] as const)
        .filter(([api, count]) => count > 0 && (api === 'Produce' || api === 'Fetch')),
    );
}

/**
 * The client every part of the bench uses: counts each producer's and consumer's requests, and
 * applies bench-only experiments with kafkajs settings that the backbone does not expose (merged
 * into every consumer's and producer's config).
 */
export function tunedKafka(
  kafka: Kafka,
  { consumerConfig, producerConfig }: { consumerConfig: object; producerConfig: object },
): Kafka {
  return new Proxy(kafka, {
    get(target, prop) {
      if (prop === 'consumer')
        return (config: ConsumerConfig) => {
          const consumer = target.consumer({ ...config, ...consumerConfig });
          consumer.on(consumer.events.REQUEST, countRequest);
          return consumer;
        };
      if (prop === 'producer')
        return (config?: ProducerConfig) => {
          const producer = target.producer({ ...config, ...producerConfig });
          producer.on(producer.events.REQUEST, countRequest);
          return producer;
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
