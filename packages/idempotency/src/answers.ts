import { z } from 'zod';
import { problem, type ProblemError } from '@ladder/http';

/** The `Idempotency-Key` request header, as a route's `headers` schema. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
});

/** The header a replayed answer carries. */
export const replayedHeader = 'idempotent-replayed';

/** The answers every service gives when a key cannot be used now or again. */
export const idempotencyProblems = {
  /** 409: the same key is being handled right now; the client retries shortly. */
  inFlight: (): ProblemError =>
    problem.conflict(
      'a request with this Idempotency-Key is still being processed; retry shortly',
      {
        code: 'idempotency-key-in-flight',
      },
    ),
  /** 422: the key was used before with a different request. */
  reused: (): ProblemError =>
    problem.unprocessable('this Idempotency-Key was used with a different request body', {
      code: 'idempotency-key-reused',
    }),
};

/**
 * The status of a replay: a first 201 Created is answered 200 on replay (nothing was created this
 * time), with the {@link replayedHeader}; any other first status is given again as it was.
 */
export const replayStatus = (firstStatus: number): number =>
  firstStatus === 201 ? 200 : firstStatus;
