import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problemJsonSchema } from '@ladder/http';
import { createOnce, idempotencyHeaders } from '@ladder/idempotency';
import { z } from 'zod';
import { getPlacement, listPlacementsOf } from '../../db/placements.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { creatingResponses } from '../responses.js';
import {
  confirmPlacement,
  declinePlacement,
  movePlacement,
  placementView,
  proposePlacement,
} from '../../use-cases/placements.js';
import { declineBody, endEarlyBody, idParams, placementSchema, proposeBody } from '../schemas.js';

const changed = { 200: placementSchema, 404: problemJsonSchema, 409: problemJsonSchema };

/** Placements: proposed by the programme operator, decided and recorded by the employer. */
export const placementRoutes: FastifyPluginCallbackZod<{ deps: EmployerDeps }> = (
  app,
  { deps },
  done,
) => {
  app.post(
    '/v1/placement-slots/:id/placements',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: "Propose a participant for a placement slot (the programme's operator)",
        headers: idempotencyHeaders,
        params: idParams,
        body: proposeBody,
        response: creatingResponses(placementSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ask = { slotId: request.params.id, ...request.body };
      return createOnce(reply, deps, actor, request.headers['idempotency-key'], ask, (tx) =>
        proposePlacement(tx, deps, actor, ask),
      );
    },
  );

  app.get(
    '/v1/placements',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'The placements of the calling employer or operator',
        response: { 200: z.object({ items: z.array(placementSchema) }) },
      },
    },
    async (request) => ({
      items: (await listPlacementsOf(deps.pool, actorOf(request).organisationId)).map(
        placementView,
      ),
    }),
  );

  app.get(
    '/v1/placements/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: { params: idParams, response: { 200: placementSchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const placement = await getPlacement(deps.pool, request.params.id);
      assertMayActOn(placement, actorOf(request));
      return placementView(placement);
    },
  );

  app.post(
    '/v1/placements/:id/confirm',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer confirms (while a place is free)',
        params: idParams,
        response: changed,
      },
    },
    async (request) => confirmPlacement(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/v1/placements/:id/decline',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer declines, with a reason',
        params: idParams,
        body: declineBody,
        response: changed,
      },
    },
    async (request) =>
      declinePlacement(deps, actorOf(request), request.params.id, request.body.reasonCode),
  );

  for (const move of ['start', 'complete'] as const)
    app.post(
      `/v1/placements/:id/${move}`,
      {
        preHandler: requireScope(scopes.employmentWrite),
        schema: {
          summary: `The employer records the placement ${move === 'start' ? 'started' : 'completed'}`,
          params: idParams,
          response: changed,
        },
      },
      async (request) => movePlacement(deps, actorOf(request), request.params.id, move),
    );

  app.post(
    '/v1/placements/:id/end-early',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The placement ended early, with a reason',
        params: idParams,
        body: endEarlyBody,
        response: changed,
      },
    },
    async (request) =>
      movePlacement(
        deps,
        actorOf(request),
        request.params.id,
        'end-early',
        request.body.reasonCode,
      ),
  );
  done();
};
