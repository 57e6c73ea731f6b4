import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { ProblemError, routes } from '@ladder/http';
import { referralRequestSchema } from '../../domain/referral-request.js';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { submitReferral } from '../../use-cases/submit-referral.js';
import { requestContext } from '../request-context.js';
import { submissionResponse } from './referrals.routes.js';

const batchBody = z.object({
  items: z
    .array(
      z.object({
        idempotencyKey: z
          .string()
          .min(8)
          .max(200)
          .regex(/^[A-Za-z0-9._:-]+$/),
        referral: z.unknown(),
      }),
    )
    .min(1)
    .max(500),
});

type ItemResult = { idempotencyKey: string; status: number; body?: unknown; problem?: unknown };

/**
 * Many referrals in one request, for bulk uploads: each item goes through exactly the rules of
 * POST /v1/referrals (validation, idempotency, eligibility, duplicates) and gets its own result.
 * The batch counts once against the rate limit.
 */
export const referralBatchRoutes = routes<ReferralDeps>(
  { name: 'referral-batch-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    app.post(
      '/v1/referrals/batch',
      {
        preHandler: requireScope(scopes.referralsWrite),
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          summary: 'Submit up to 500 referrals, each with its own idempotency key',
          body: batchBody,
        },
      },
      async (request) => {
        const context = requestContext(request);
        const submitOne = async (
          item: z.infer<typeof batchBody>['items'][number],
          index: number,
        ): Promise<ItemResult> => {
          const parsed = referralRequestSchema.safeParse(item.referral);
          if (!parsed.success) {
            return {
              idempotencyKey: item.idempotencyKey,
              status: 400,
              problem: {
                title: 'The referral is not valid',
                errors: parsed.error.issues.map((i) => ({
                  field: ['items', index, 'referral', ...i.path].join('.'),
                  message: i.message,
                })),
              },
            };
          }
          try {
            const result = await submitReferral(deps, parsed.data, {
              ...context,
              idempotencyKey: item.idempotencyKey,
              rawBody: item.referral,
            });
            return { idempotencyKey: item.idempotencyKey, ...submissionResponse(result) };
          } catch (error) {
            if (!(error instanceof ProblemError)) throw error;
            return {
              idempotencyKey: item.idempotencyKey,
              status: error.status,
              problem: error.toJSON(),
            };
          }
        };
        // A few at a time: enough to keep the pool busy without one batch taking all of it.
        const results: ItemResult[] = new Array<ItemResult>(request.body.items.length);
        let next = 0;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next < request.body.items.length) {
              const index = next++;
              results[index] = await submitOne(request.body.items[index]!, index);
            }
          }),
        );
        return { results };
      },
    );
  },
);
