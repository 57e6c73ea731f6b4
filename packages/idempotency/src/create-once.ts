import type { Pool, PoolClient } from '@ladder/db';
import { replayedHeader } from './answers.js';
import { runIdempotent } from './run-idempotent.js';

/** The part of a Fastify reply that createOnce sets (status, Location, Idempotent-Replayed). */
export interface CreatedReply {
  code(status: number): CreatedReply;
  header(name: string, value: string): CreatedReply;
}

/**
 * Answers a creating POST under its Idempotency-Key: created once (201 with a Location), the
 * first answer replayed for a retry with the same request (200, Idempotent-Replayed), refused for
 * a reused or in-flight key (see runIdempotent).
 */
export async function createOnce<T extends { links: { self: string } }>(
  reply: CreatedReply,
  deps: { pool: Pool; idempotencyKeepDays: number },
  actor: { organisationId: string },
  key: string,
  request: unknown,
  create: (tx: PoolClient) => Promise<T>,
): Promise<T> {
  const result = await runIdempotent(
    deps.pool,
    { organisationId: actor.organisationId, key, request, keepDays: deps.idempotencyKeepDays },
    async (tx) => ({ status: 201, body: await create(tx) }),
  );
  if (result.replayed) reply.header(replayedHeader, 'true');
  reply.code(result.status).header('location', result.body.links.self);
  return result.body;
}
