import type { KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from '@ladder/logger';
import { deadLetterHeader, headerText, type DeadLetterReason } from './dead-letter-headers.js';
import type { BackboneMetrics } from './metrics.js';

/** Where a consumed message came from. */
export interface MessageOrigin {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Why a message is given up on: the reason, the error's message and the attempts made. */
export interface DeadLetterCause {
  reason: DeadLetterReason;
  error: string;
  attempts: number;
}

/**
 * Publishes a consumer group's given-up messages to their topics' dead-letter topics, the original
 * key, value and headers kept and the `dlq-*` headers saying where it came from and why.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly options: {
      producer: Producer;
      groupId: string;
      /** Each consumed topic's dead-letter topic; `<topic>.dlq` for any other. */
      deadLetterTopicOf: ReadonlyMap<string, string>;
      logger: Logger;
      metrics?: BackboneMetrics | undefined;
    },
  ) {}

  async publish(
    { topic, partition, message }: MessageOrigin,
    cause: DeadLetterCause,
  ): Promise<void> {
    const { producer, groupId, deadLetterTopicOf, logger, metrics } = this.options;
    const { reason, error, attempts } = cause;
    await producer.send({
      topic: deadLetterTopicOf.get(topic) ?? `${topic}.dlq`,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [deadLetterHeader.originalTopic]: topic,
            [deadLetterHeader.originalPartition]: String(partition),
            [deadLetterHeader.originalOffset]: message.offset,
            [deadLetterHeader.consumerGroup]: groupId,
            [deadLetterHeader.reason]: reason,
            // Events carry ids and codes only, so an error about one holds no personal data;
            // cut it short all the same.
            [deadLetterHeader.error]: error.slice(0, 500),
            [deadLetterHeader.attempts]: String(attempts),
            [deadLetterHeader.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    metrics?.deadLettered.inc({ group: groupId, reason });
    logger.warn(
      {
        topic,
        partition,
        offset: message.offset,
        eventId: headerText(message.headers, 'event-id'),
        reason,
      },
      'message sent to dead letters',
    );
  }
}
