import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problemJsonSchema } from '@ladder/http';
import { createOnce, idempotencyHeaders } from '@ladder/idempotency';
import { z } from 'zod';
import { getOffer, listOffersOf } from '../../db/offers.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { creatingResponses } from '../responses.js';
import { checksOf, updateCheck } from '../../use-cases/employment-checks.js';
import { answerOffer, makeOffer, offerView, withdrawOffer } from '../../use-cases/offers.js';
import {
  checkParams,
  checksSchema,
  declineOfferBody,
  makeOfferBody,
  offerSchema,
  updateCheckBody,
  withdrawOfferBody,
} from '../offer-schemas.js';
import { idParams } from '../schemas.js';

const changed = { 200: offerSchema, 404: problemJsonSchema, 409: problemJsonSchema };

/**
 * Conditional offers of vacancies: made and withdrawn by the employer, answered (as the
 * participant said) by the operator or the employer; then the six pre-employment checks.
 */
export const offerRoutes: FastifyPluginCallbackZod<{ deps: EmployerDeps }> = (
  app,
  { deps },
  done,
) => {
  app.post(
    '/v1/vacancies/:id/offers',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary:
          'The employer makes a conditional offer of the vacancy to a participant proposed to it',
        description:
          'The vacancy’s role; its band, site and hours unless given. To be answered by ' +
          '`respondBy`, the programme’s offer-response days from now, or it expires. Refused ' +
          'with 409 `vacancy-closed` after the vacancy’s closing day, and `vacancy-filled` ' +
          'while made, accepted and unconditional offers hold all its posts (declined, expired ' +
          'and withdrawn offers free theirs).',
        headers: idempotencyHeaders,
        params: idParams,
        body: makeOfferBody,
        response: creatingResponses(offerSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ask = { vacancyId: request.params.id, ...request.body };
      return createOnce(reply, deps, actor, request.headers['idempotency-key'], ask, (tx) =>
        makeOffer(tx, deps, actor, ask),
      );
    },
  );

  app.get(
    '/v1/offers',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'The offers of the calling employer or operator',
        response: { 200: z.object({ items: z.array(offerSchema) }) },
      },
    },
    async (request) => ({
      items: (await listOffersOf(deps.pool, actorOf(request).organisationId)).map(offerView),
    }),
  );

  app.get(
    '/v1/offers/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: { params: idParams, response: { 200: offerSchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const offer = await getOffer(deps.pool, request.params.id);
      assertMayActOn(offer, actorOf(request), 'offer');
      return offerView(offer);
    },
  );

  app.post(
    '/v1/offers/:id/accept',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary:
          'The participant accepted (recorded by the operator or the employer): the six checks start',
        params: idParams,
        response: changed,
      },
    },
    async (request) => answerOffer(deps, actorOf(request), request.params.id, { accept: true }),
  );

  app.post(
    '/v1/offers/:id/decline',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The participant declined (recorded by the operator or the employer)',
        params: idParams,
        body: declineOfferBody,
        response: changed,
      },
    },
    async (request) =>
      answerOffer(deps, actorOf(request), request.params.id, {
        accept: false,
        reasonCode: request.body.reasonCode,
      }),
  );

  app.post(
    '/v1/offers/:id/withdraw',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer withdraws an offer that is not yet unconditional',
        params: idParams,
        body: withdrawOfferBody,
        response: changed,
      },
    },
    async (request) =>
      withdrawOffer(deps, actorOf(request), request.params.id, request.body.reasonCode),
  );

  app.get(
    '/v1/offers/:id/checks',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'The six pre-employment checks: status, who holds the next action, when it is due',
        params: idParams,
        response: { 200: checksSchema, 404: problemJsonSchema },
      },
    },
    async (request) => checksOf(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/offers/:id/checks/:check',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer moves one check (what is left out stays as it was)',
        description:
          'The same state again changes nothing. Cleared and failed are final (409). A failed ' +
          'check withdraws the offer; the sixth cleared check makes it unconditional.',
        params: checkParams,
        body: updateCheckBody,
        response: {
          200: checksSchema,
          404: problemJsonSchema,
          409: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request) =>
      updateCheck(deps, actorOf(request), request.params.id, request.params.check, request.body),
  );
  done();
};
