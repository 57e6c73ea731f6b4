export { createKafka, type Kafka } from './client.js';
export { ensureTopics } from './topics.js';
export { BackboneMetrics } from './metrics.js';
export { OutboxRelay, type OutboxRelayOptions } from './relay.js';
export { ConsumerRunner, type ConsumerRunnerOptions } from './consumer-runner.js';
export {
  handleEvent,
  on,
  onBatch,
  type BatchEventHandler,
  type BatchHandlerContext,
  type ConsumedEvent,
  type EventHandler,
  type EventSubscription,
  type HandlerContext,
} from './subscriptions.js';
export { listDeadLetters, readTopic, replayDeadLetters, type DeadLetter } from './dead-letters.js';
export { deadLetterHeader } from './dead-letter-headers.js';
export { consumerGroupLag } from './consumer-lag.js';
