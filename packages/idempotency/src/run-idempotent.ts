import { withTransaction, type Pool, type PoolClient, type Statement } from '@ladder/db';
import type { ProblemError } from '@ladder/http';
import { idempotencyProblems, replayStatus } from './answers.js';
import { claimIdempotencyKey, storeResponseStatement, type ClaimedKey } from './repository.js';
import { requestHash } from './request-hash.js';

export interface IdempotentRequest {
  organisationId: string;
  key: string;
  /** What identifies the request (its body, and the path's ids): fingerprinted by `requestHash`. */
  request: unknown;
  /** How long the first answer is kept for replay; at least 7 days by the API's promise. */
  keepDays: number;
}

/** What a handled request answers; stored under the key in the same transaction. */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

export interface IdempotentResult<T> extends IdempotentAnswer<T> {
  /** True when this is the stored first answer given again. */
  replayed: boolean;
}

/**
 * Handles a creating request at most once per (organisation, key): claims the key in a
 * transaction, gives the stored answer again for a retry with the same request, refuses a key in
 * use (409) or reused with a different request (422), and otherwise runs `handle` in the same
 * transaction and stores its answer with what it wrote. A `ProblemError` thrown by `handle` rolls
 * everything back and stores nothing, so the client may correct the request and use the key again.
 */
export async function runIdempotent<T>(
  pool: Pool,
  request: IdempotentRequest,
  handle: (tx: PoolClient) => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentResult<T>> {
  const hash = requestHash(request.request);
  return withTransaction(pool, async (tx) => {
    const claim = await claimIdempotencyKey(tx, request.organisationId, request.key);
    const prior = priorAnswer<T>(claim, hash);
    if (prior instanceof Error) throw prior;
    if (prior) return prior;
    const answer = await handle(tx);
    const store: Statement = storeResponseStatement(
      request.organisationId,
      request.key,
      { requestHash: hash, status: answer.status, body: answer.body },
      request.keepDays,
    );
    await tx.query(store.text, store.values);
    return { ...answer, replayed: false };
  });
}

/**
 * What a claimed key already answers for a request with fingerprint `hash`: the stored first
 * answer again (a retry), the refusal of a key in use or reused with a different request, or
 * undefined when the request is to be handled now.
 */
export function priorAnswer<T>(
  claim: ClaimedKey,
  hash: string,
): IdempotentResult<T> | ProblemError | undefined {
  if (!claim.locked) return idempotencyProblems.inFlight();
  const { stored } = claim;
  if (!stored) return undefined;
  if (stored.requestHash !== hash) return idempotencyProblems.reused();
  return { status: replayStatus(stored.status), body: stored.body as T, replayed: true };
}
