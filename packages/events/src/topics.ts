/** A Kafka topic and how it is set up. Keys are always the event's `subject` (participant id). */
export interface TopicDefinition {
  name: string;
  partitions: number;
  retentionMs: number;
  deadLetterTopic: string;
  /** Dead letters are kept longer than events so that they can be inspected and replayed. */
  deadLetterRetentionMs: number;
  description: string;
}

const day = 24 * 60 * 60 * 1000;

function topic(name: string, description: string): TopicDefinition {
  return {
    name,
    partitions: 6,
    retentionMs: 30 * day,
    deadLetterTopic: `${name}.dlq`,
    deadLetterRetentionMs: 90 * day,
    description,
  };
}

export const topics = {
  referrals: topic(
    'ladder.referrals',
    'What happens to referrals (submitted, withdrawn; consent withdrawn, renewed or expired; reporting profiles shared, sealed), participants (erased) and programmes (rules published).',
  ),
  journeys: topic(
    'ladder.journeys',
    "Each participant's journey: stage changes, outcomes, missed deadlines.",
  ),
  training: topic(
    'ladder.training',
    "Each participant's training: places, waitlists, seats, attendance, completion and progression.",
  ),
  employers: topic(
    'ladder.employers',
    "Each participant's employment: placements, interviews, offers, checks, start in post and sustainment.",
  ),
} as const satisfies Record<string, TopicDefinition>;
