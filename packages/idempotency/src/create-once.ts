import type { Pool, PoolClient } from '@ladder/db';
import { replayedHeader } from './answers.js';
import { runIdempotent, type IdempotentResult } from './run-idempotent.js';

/** The part of a Fastify reply that createOnce sets (status, Location, Idempotent-Replayed). */
export interface CreatedReply {
  code(status: number): CreatedReply;
  header(name: string, value: string): CreatedReply;
}

type IdempotencyDeps = { pool: Pool; idempotencyKeepDays: number };

/**
 * Answers a POST that creates something or changes what is there, under its Idempotency-Key:
 * 201 with a Location when `handle` says it created, 200 when it changed (or found) what was
 * there; the first answer replayed for a retry with the same request (a first 201 as 200, with
 * Idempotent-Replayed), refused for a reused or in-flight key (see runIdempotent).
 */
export async function answerOnce<T extends { links: { self: string } }>(
  reply: CreatedReply,
  deps: IdempotencyDeps,
  actor: { organisationId: string },
  key: string,
  request: unknown,
  handle: (tx: PoolClient) => Promise<{ created: boolean; body: T }>,
): Promise<T> {
  const result = await runIdempotent(
    deps.pool,
    { organisationId: actor.organisationId, key, request, keepDays: deps.idempotencyKeepDays },
    async (tx) => {
      const { created, body } = await handle(tx);
      return { status: created ? 201 : 200, body };
    },
  );
  return answered(reply, result);
}

/**
 * Sets a created (or replayed) answer's status, `Location` (the body's `links.self`) and
 * `Idempotent-Replayed` on the reply, and gives its body: for a route whose request was handled
 * under its key some other way than in runIdempotent's transaction (a group of requests at once).
 */
export function answered<T extends { links: { self: string } }>(
  reply: CreatedReply,
  result: IdempotentResult<T>,
): T {
  if (result.replayed) reply.header(replayedHeader, 'true');
  reply.code(result.status).header('location', result.body.links.self);
  return result.body;
}

/**
 * Answers a creating POST under its Idempotency-Key: created once (201 with a Location), the
 * first answer replayed for a retry with the same request (200, Idempotent-Replayed), refused for
 * a reused or in-flight key (see runIdempotent).
 */
export async function createOnce<T extends { links: { self: string } }>(
  reply: CreatedReply,
  deps: IdempotencyDeps,
  actor: { organisationId: string },
  key: string,
  request: unknown,
  create: (tx: PoolClient) => Promise<T>,
): Promise<T> {
  return answerOnce(reply, deps, actor, key, request, async (tx) => ({
    created: true,
    body: await create(tx),
  }));
}
