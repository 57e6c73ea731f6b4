import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyRing } from '@ladder/crypto';
import { withTransaction, type Pool, type Queryable } from '@ladder/db';
import type { TopicDefinition } from '@ladder/events';
import { ConsumerRunner, consumerGroupLag, type BackboneMetrics, type Kafka } from '@ladder/kafka';
import type { Logger } from '@ladder/logger';
import { readModelTables } from '../db/projection.repository.js';
import { projectionHandlers } from './projection.handlers.js';

export interface ProjectionOptions {
  pool: Pool;
  kafka: Kafka;
  logger: Logger;
  /** The consumer group's name before its generation (`<base>.<generation>`). */
  groupBase: string;
  topics: readonly TopicDefinition[];
  /** Opens the reporting profiles the referral service seals (`REPORTING_KEYS`). */
  reportingKeys: KeyRing;
  metrics?: BackboneMetrics;
}

/** The projection's consumer group for the read model's current generation. */
export async function projectionGroupId(db: Queryable, groupBase: string): Promise<string> {
  const { rows } = await db.query<{ generation: number }>(
    'select generation from read_model_generation',
  );
  return `${groupBase}.${rows[0]?.generation ?? 1}`;
}

/** The read model's consumer: every projected topic into the read model's tables. */
export async function createProjection(options: ProjectionOptions): Promise<ConsumerRunner> {
  const groupId = await projectionGroupId(options.pool, options.groupBase);
  return new ConsumerRunner({ ...options, groupId, handlers: projectionHandlers(options) });
}

/**
 * Throws the read model away and projects every topic again from its beginning, under the next
 * generation's consumer group (one that has never read anything), returning once it has caught up
 * with what the topics held. Stop the projection's own consumers first: they would go on writing
 * under the old generation.
 */
export async function rebuildReadModel(
  options: ProjectionOptions & { pollMs?: number },
): Promise<{ messages: number; seconds: number }> {
  const { pool, kafka, topics } = options;
  const started = performance.now();
  const previous = await projectionGroupId(pool, options.groupBase);
  await withTransaction(pool, async (tx) => {
    await tx.query(`truncate ${readModelTables.join(', ')}`);
    await tx.query('update read_model_generation set generation = generation + 1');
    await tx.query('delete from ladder_processed_events where consumer_group = $1', [previous]);
  });
  const groupId = await projectionGroupId(pool, options.groupBase);
  const messages = await consumerGroupLag(kafka, groupId, topics);
  const runner = await createProjection(options);
  await runner.start();
  try {
    while ((await consumerGroupLag(kafka, groupId, topics)) > 0) await sleep(options.pollMs ?? 200);
  } finally {
    await runner.stop();
  }
  return { messages, seconds: (performance.now() - started) / 1000 };
}
