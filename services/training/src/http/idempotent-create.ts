import type { FastifyReply } from 'fastify';
import type { PoolClient } from '@ladder/db';
import { replayedHeader, runIdempotent } from '@ladder/idempotency';
import type { Actor, TrainingDeps } from '../use-cases/deps.js';

/**
 * Answers a creating POST under its Idempotency-Key: created once (201 with a Location), the
 * first answer replayed for a retry with the same request (200, Idempotent-Replayed), refused for
 * a reused or in-flight key (see @ladder/idempotency).
 */
export async function createOnce<T extends { links: { self: string } }>(
  reply: FastifyReply,
  deps: TrainingDeps,
  actor: Actor,
  key: string,
  request: unknown,
  create: (tx: PoolClient) => Promise<T>,
): Promise<T> {
  const result = await runIdempotent(
    deps.pool,
    { organisationId: actor.organisationId, key, request, keepDays: deps.idempotencyKeepDays },
    async (tx) => ({ status: 201, body: await create(tx) }),
  );
  if (result.replayed) void reply.header(replayedHeader, 'true');
  void reply.code(result.status).header('location', result.body.links.self);
  return result.body;
}
