import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema } from '@ladder/http';
import { answered, idempotencyHeaders } from '@ladder/idempotency';
import { getPlace } from '../../db/places.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { TrainingDeps } from '../../use-cases/deps.js';
import { PlaceRequestWriter } from '../../use-cases/place-request-writer.js';
import {
  answerOffer,
  completePlace,
  placeView,
  progressPlace,
  withdrawPlace,
} from '../../use-cases/places.js';
import {
  completeBody,
  idParams,
  learnerSchema,
  placeRequestBody,
  placeSchema,
  withdrawBody,
} from '../schemas.js';

const changed = { 200: placeSchema, 404: problemJsonSchema, 409: problemJsonSchema };

/** Places on intakes: requests, offers, withdrawal, completion, progression, the learner's view. */
export const placeRoutes: FastifyPluginCallbackZod<{ deps: TrainingDeps }> = (
  app,
  { deps },
  done,
) => {
  const placeRequests = new PlaceRequestWriter(deps);
  app.addHook('onClose', () => placeRequests.close());
  app.post(
    '/v1/intakes/:id/places',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: 'Ask for a place for a participant: enrolled while seats remain, else waitlisted',
        description:
          "The operator of the participant's programme asks; the intake's provider may enrol " +
          'directly where the programme allows it. Requests are decided one at a time per ' +
          'intake, so capacity is never exceeded and the waitlist keeps request order.',
        headers: idempotencyHeaders,
        params: idParams,
        body: placeRequestBody,
        response: {
          200: placeSchema,
          201: placeSchema,
          403: problemJsonSchema,
          404: problemJsonSchema,
          409: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await placeRequests.request({
        actor: actorOf(request),
        idempotencyKey: request.headers['idempotency-key'],
        request: { intakeId: request.params.id, ...request.body },
      });
      return answered(reply, result);
    },
  );

  app.get(
    '/v1/places/:id',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: { params: idParams, response: { 200: placeSchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const place = await getPlace(deps.pool, request.params.id);
      assertMayActOn(place, actorOf(request));
      return placeView(deps.pool, place);
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/v1/places/:id/offer/${answer}`,
      {
        preHandler: requireScope(scopes.trainingWrite),
        schema: {
          summary: `${answer === 'accept' ? 'Take' : 'Turn down'} the seat offered (before it lapses)`,
          params: idParams,
          response: changed,
        },
      },
      async (request) => answerOffer(deps, actorOf(request), request.params.id, answer),
    );
  }

  app.post(
    '/v1/places/:id/withdraw',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary:
          'The learner leaves the course or the waitlist; a freed seat goes to the next in line',
        params: idParams,
        body: withdrawBody,
        response: changed,
      },
    },
    async (request) =>
      withdrawPlace(deps, actorOf(request), request.params.id, request.body.reasonCode),
  );

  app.post(
    '/v1/places/:id/complete',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: 'The learner finished: result and qualification awarded (the provider)',
        params: idParams,
        body: completeBody,
        response: { ...changed, 422: problemJsonSchema },
      },
    },
    async (request) => {
      const { result, award } = request.body;
      return completePlace(deps, actorOf(request), request.params.id, {
        result,
        ...(award ? { award } : {}),
      });
    },
  );

  app.post(
    '/v1/places/:id/progress',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: 'The learner went on to further education or training outside the programme',
        params: idParams,
        response: changed,
      },
    },
    async (request) => progressPlace(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/places/:id/learner',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: {
        summary: "The learner's name, contact preference and adjustments, if their consent allows",
        description:
          'Fetched now from the holder of the data and never stored here. Without consent for ' +
          'training by a training provider (or once it expired, was withdrawn, or the participant ' +
          'was erased) only ids and the reason are given.',
        params: idParams,
        response: { 200: learnerSchema, 404: problemJsonSchema, 502: problemJsonSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const place = await getPlace(deps.pool, request.params.id);
      if (actor.organisationKind !== 'training-provider') throw problem.notFound('no such place');
      assertMayActOn(place, actor);
      const view = await deps.participantViews.view(place.participantId, {
        purpose: 'training',
        recipient: 'training-provider',
        onBehalfOf: actor.organisationId,
      });
      if (!view) throw problem.notFound('the participant is no longer known');
      void reply.header('cache-control', 'no-store');
      return { placeId: place.id, ...view };
    },
  );
  done();
};
