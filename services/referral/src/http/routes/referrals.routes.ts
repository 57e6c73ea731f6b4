import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, routes } from '@ladder/http';
import {
  idempotencyHeaders,
  idempotencyProblems,
  replayStatus,
  replayedHeader,
} from '@ladder/idempotency';
import { listReferralChanges } from '../../db/referral-changes.repository.js';
import { getReferral } from '../../db/referrals.repository.js';
import { referralRequestSchema } from '../../domain/referral-request.js';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { referralDetail, referralSummary } from '../../use-cases/referral-view.js';
import { submitReferral, type SubmitResult } from '../../use-cases/submit-referral.js';
import { withdrawReferral } from '../../use-cases/withdraw-referral.js';
import { requestContext, callerOf } from '../request-context.js';
import {
  cursor,
  idParams,
  listQuery,
  referralDetailSchema,
  referralSummarySchema,
  withdrawBody,
} from '../schemas.js';

/** Maps a submission's outcome to HTTP: the same mapping for single and batch submissions. */
export function submissionResponse(result: SubmitResult): { status: 200 | 201; body: unknown } {
  switch (result.kind) {
    case 'created':
      return { status: 201, body: result.body };
    case 'replayed':
      // Marked with Idempotent-Replayed by the route.
      return { status: replayStatus(result.status) as 200 | 201, body: result.body };
    case 'in-flight':
      throw idempotencyProblems.inFlight();
    case 'key-reused':
      throw idempotencyProblems.reused();
    case 'unknown-programme':
      throw problem.unprocessable('no such programme', {
        code: 'unknown-programme',
        errors: [{ field: 'body.programmeId', message: 'no such programme' }],
      });
    case 'duplicate':
      throw problem.conflict('this person already has an active referral in the programme', {
        code: 'duplicate-referral',
        existingReferral: `/v1/referrals/${result.existingReferralId}`,
      });
  }
}

export const referralRoutes = routes<ReferralDeps>(
  { name: 'referral-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    app.post(
      '/v1/referrals',
      {
        preHandler: requireScope(scopes.referralsWrite),
        schema: {
          summary: 'Refer a person to a programme',
          description:
            'Requires an Idempotency-Key: a retry with the same key and body returns the first response.',
          headers: idempotencyHeaders,
          body: referralRequestSchema,
          response: {
            200: referralSummarySchema,
            201: referralSummarySchema,
            409: problemJsonSchema,
            422: problemJsonSchema,
          },
        },
      },
      async (request, reply) => {
        const result = await submitReferral(deps, request.body, {
          ...requestContext(request),
          idempotencyKey: request.headers['idempotency-key'],
          rawBody: request.body,
        });
        const { status, body } = submissionResponse(result);
        if (result.kind === 'replayed') void reply.header(replayedHeader, 'true');
        return reply
          .code(status)
          .header('location', `/v1/referrals/${(body as { id: string }).id}`)
          .send(body as z.infer<typeof referralSummarySchema>);
      },
    );

    app.get(
      '/v1/referrals/:id',
      {
        preHandler: requireScope(scopes.referralsRead),
        schema: {
          summary: 'A referral: status, milestones and what was submitted',
          params: idParams,
          response: { 200: referralDetailSchema, 404: problemJsonSchema },
        },
      },
      async (request) => {
        const row = await getReferral(deps.pool, request.params.id);
        // Another organisation's referral is "not found": we do not even confirm it exists.
        if (!row || row.referrer_organisation_id !== callerOf(request).organisationId)
          throw problem.notFound('no such referral');
        return referralDetail(deps.pool, deps.vault, row);
      },
    );

    app.get(
      '/v1/referrals',
      {
        preHandler: requireScope(scopes.referralsRead),
        schema: {
          summary: "The caller's referrals, as a change feed: each change once, in order",
          description:
            'Pages through changes in the order their transactions began; a change still being written is listed on a later poll, never skipped. `nextCursor` fetches the next page now (null when none is full yet); `resumeCursor` is where the next poll starts: pass it as `cursor` to get only what changed since.',
          querystring: listQuery,
          response: {
            200: z.object({
              items: z.array(
                referralSummarySchema.extend({
                  stage: z.string().nullable(),
                  updatedAt: z.string(),
                }),
              ),
              nextCursor: z.string().nullable(),
              resumeCursor: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const { status, updatedSince, limit } = request.query;
        const after =
          request.query.cursor === undefined ? undefined : cursor.decode(request.query.cursor);
        if (request.query.cursor !== undefined && after === undefined) {
          throw problem.badRequest('the cursor is not one this API gave out', {
            errors: [{ field: 'querystring.cursor', message: 'invalid cursor' }],
          });
        }
        const page = await listReferralChanges(deps.pool, {
          organisationId: callerOf(request).organisationId,
          limit,
          ...(status ? { status } : {}),
          ...(updatedSince ? { updatedSince } : {}),
          ...(after ? { after } : {}),
        });
        const resumeCursor = cursor.encode(page.resumeAt);
        return {
          items: page.rows.map((r) => ({
            ...referralSummary(r),
            stage: r.stage,
            updatedAt: r.updated_at.toISOString(),
          })),
          nextCursor: page.full ? resumeCursor : null,
          resumeCursor,
        };
      },
    );

    app.post(
      '/v1/referrals/:id/withdraw',
      {
        preHandler: requireScope(scopes.referralsWrite),
        schema: {
          summary: 'Withdraw a referral, with a reason code',
          params: idParams,
          body: withdrawBody,
          response: { 204: z.null(), 404: problemJsonSchema, 409: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const result = await withdrawReferral(deps, {
          ...requestContext(request),
          referralId: request.params.id,
          reasonCode: request.body.reasonCode,
        });
        if (result.kind === 'not-found') throw problem.notFound('no such referral');
        if (result.kind === 'not-active')
          throw problem.conflict(
            `the referral is ${result.status} and can no longer be withdrawn`,
            {
              code: 'referral-not-active',
            },
          );
        return reply.code(204).send(null);
      },
    );
  },
);
