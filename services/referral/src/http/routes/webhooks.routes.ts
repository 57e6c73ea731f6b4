import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, type HttpApp } from '@ladder/http';
import { seal, type KeyRing } from '@ladder/crypto';
import {
  deactivateSubscription,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
} from '../../db/webhooks.repository.js';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { callerOf } from '../request-context.js';

const subscriptionSchema = z.object({
  id: z.uuid(),
  organisationId: z.string(),
  url: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.uuid() });

/** Referrers register a URL and receive each milestone of their own referrals, signed. */
export function webhookRoutes(
  app: HttpApp,
  deps: ReferralDeps & { ring: KeyRing; allowHttp: boolean },
): void {
  const ownSubscription = async (organisationId: string, id: string) => {
    const subscription = await findSubscription(deps.pool, id);
    if (!subscription || subscription.organisationId !== organisationId)
      throw problem.notFound('no such webhook');
    return subscription;
  };

  app.post(
    '/v1/webhooks',
    {
      preHandler: requireScope(scopes.webhooksManage),
      schema: {
        summary: 'Register a URL for milestone deliveries; the signing secret is shown once',
        body: z.object({ url: z.url() }),
        response: {
          201: subscriptionSchema.extend({ secret: z.string() }),
          400: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const url = new URL(request.body.url);
      if (url.protocol !== 'https:' && !(deps.allowHttp && url.protocol === 'http:')) {
        throw problem.badRequest('webhook URLs must use https', {
          errors: [{ field: 'body.url', message: 'must be an https URL' }],
        });
      }
      const id = randomUUID();
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const sealed = seal(
        deps.ring.keys.get(deps.ring.currentId)!,
        Buffer.from(secret),
        `webhook:${id}`,
      );
      const subscription = await insertSubscription(deps.pool, {
        id,
        organisationId: callerOf(request).organisationId,
        url: url.toString(),
        secret: { keyId: deps.ring.currentId, sealed },
      });
      return reply.code(201).send({ ...subscription, secret });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      preHandler: requireScope(scopes.webhooksManage),
      schema: { response: { 200: z.object({ items: z.array(subscriptionSchema) }) } },
    },
    async (request) => ({
      items: await listSubscriptions(deps.pool, callerOf(request).organisationId),
    }),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      preHandler: requireScope(scopes.webhooksManage),
      schema: { params: idParams, response: { 204: z.null(), 404: problemJsonSchema } },
    },
    async (request, reply) => {
      await ownSubscription(callerOf(request).organisationId, request.params.id);
      await deactivateSubscription(deps.pool, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      preHandler: requireScope(scopes.webhooksManage),
      schema: {
        summary: "The delivery log: each attempt's outcome, newest first",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                subscriptionId: z.uuid(),
                referralId: z.uuid(),
                status: z.enum(['pending', 'delivered', 'failed']),
                attempts: z.number().int(),
                nextAttemptAt: z.string(),
                lastResponseStatus: z.number().int().nullable(),
                lastError: z.string().nullable(),
                deliveredAt: z.string().nullable(),
                createdAt: z.string(),
                payload: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
          404: problemJsonSchema,
        },
      },
    },
    async (request) => {
      await ownSubscription(callerOf(request).organisationId, request.params.id);
      return { items: await listDeliveries(deps.pool, request.params.id) };
    },
  );
}
