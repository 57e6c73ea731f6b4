import type { TopicDefinition } from '@ladder/events';

/**
 * How long a consumer group's records of handled events are kept (see
 * `ConsumerRunnerOptions.keepProcessedMs`): by default the longest the topics or their dead-letter
 * topics keep a message; a chosen value shorter than a topic keeps its events is refused.
 */
export function processedRetention(topics: readonly TopicDefinition[], keepMs?: number): number {
  const topicRetention = Math.max(0, ...topics.map((t) => t.retentionMs));
  if (keepMs === undefined)
    return Math.max(topicRetention, ...topics.map((t) => t.deadLetterRetentionMs));
  if (keepMs < topicRetention) {
    throw new Error(
      `keepProcessedMs ${keepMs} is shorter than the topics keep events (${topicRetention} ms): ` +
        'a redelivered event would be handled again',
    );
  }
  return keepMs;
}
