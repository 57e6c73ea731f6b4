import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, timestamp, routes } from '@ladder/http';
import { seal, type KeyRing } from '@ladder/crypto';
import {
  deactivateSubscription,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  redeliverFailedSince,
  redeliverOne,
} from '../../db/webhooks.repository.js';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { checkDestination, type DestinationPolicy } from '../../webhooks/destination-guard.js';
import { callerOf } from '../request-context.js';

const subscriptionSchema = z.object({
  id: z.uuid(),
  organisationId: z.string(),
  url: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.uuid() });
const deliveryParams = idParams.extend({ deliveryId: z.uuid() });
const deliverySchema = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  referralId: z.uuid(),
  status: z.enum(['pending', 'delivered', 'failed']),
  /** Attempts since it was queued, or since the last redelivery asked for. */
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastResponseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  redeliveries: z.number().int(),
  lastRedeliveryAt: z.string().nullable(),
});

/** Referrers register a URL and receive each milestone of their own referrals, signed. */
type WebhookRoutesDeps = ReferralDeps & { ring: KeyRing; webhookDestinations: DestinationPolicy };

export const webhookRoutes = routes<WebhookRoutesDeps>(
  { name: 'webhook-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    const ownSubscription = async (organisationId: string, id: string) => {
      const subscription = await findSubscription(deps.pool, id);
      if (!subscription || subscription.organisationId !== organisationId)
        throw problem.notFound('no such webhook');
      return subscription;
    };
    /** Redelivery goes only to a webhook still registered: a removed one stays quiet. */
    const activeSubscription = async (organisationId: string, id: string) => {
      const subscription = await ownSubscription(organisationId, id);
      if (!subscription.active) throw problem.conflict('this webhook has been removed');
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
        const destination = await checkDestination(url, deps.webhookDestinations);
        if (!destination.ok) {
          throw problem.badRequest('Ladder will not send webhooks to this URL', {
            errors: [{ field: 'body.url', message: destination.message }],
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
          response: { 200: z.object({ items: z.array(deliverySchema) }), 404: problemJsonSchema },
        },
      },
      async (request) => {
        await ownSubscription(callerOf(request).organisationId, request.params.id);
        return { items: await listDeliveries(deps.pool, request.params.id) };
      },
    );

    app.post(
      '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        preHandler: requireScope(scopes.webhooksManage),
        schema: {
          summary: 'Send one failed delivery again (same delivery id and contents)',
          params: deliveryParams,
          response: { 202: deliverySchema, 404: problemJsonSchema, 409: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const { id, deliveryId } = request.params;
        await activeSubscription(callerOf(request).organisationId, id);
        const delivery = await redeliverOne(deps.pool, id, deliveryId);
        if (delivery) return reply.code(202).send(delivery);
        const existing = await findDelivery(deps.pool, id, deliveryId);
        if (!existing) throw problem.notFound('no such delivery');
        throw problem.conflict(
          `only a failed delivery can be sent again; this one is ${existing.status}`,
        );
      },
    );

    app.post(
      '/v1/webhooks/:id/redeliver',
      {
        preHandler: requireScope(scopes.webhooksManage),
        schema: {
          summary: 'Send every failed delivery created since a time again',
          params: idParams,
          body: z.object({ failedSince: timestamp() }),
          response: {
            202: z.object({ redelivered: z.array(z.uuid()) }),
            404: problemJsonSchema,
            409: problemJsonSchema,
          },
        },
      },
      async (request, reply) => {
        await activeSubscription(callerOf(request).organisationId, request.params.id);
        const since = new Date(request.body.failedSince);
        const redelivered = await redeliverFailedSince(deps.pool, request.params.id, since);
        return reply.code(202).send({ redelivered });
      },
    );
  },
);
