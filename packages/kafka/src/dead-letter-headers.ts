import type { IHeaders, KafkaMessage } from 'kafkajs';

/** Headers a dead letter carries about where it came from and why it failed. */
export const deadLetterHeader = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  reason: 'dlq-reason',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
  /** On a marker message: the offset of the dead letter that was replayed. */
  replayedOffset: 'dlq-replayed-offset',
} as const;

export type DeadLetterReason = 'invalid' | 'handler-failed';

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** The original message's own headers, without the dead-letter ones. */
export function originalHeaders(message: KafkaMessage): IHeaders {
  const dlqNames = new Set<string>(Object.values(deadLetterHeader));
  return Object.fromEntries(
    Object.entries(message.headers ?? {}).filter(([name]) => !dlqNames.has(name)),
  );
}
