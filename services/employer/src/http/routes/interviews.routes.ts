import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problemJsonSchema } from '@ladder/http';
import { createOnce, idempotencyHeaders } from '@ladder/idempotency';
import { z } from 'zod';
import { getInterview, listInterviewsOf } from '../../db/interviews.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { creatingResponses } from '../responses.js';
import { interviewView, recordInterview, scheduleInterview } from '../../use-cases/interviews.js';
import { adjustmentsFor } from '../../use-cases/participant-adjustments.js';
import {
  interviewSchema,
  interviewWithParticipantSchema,
  recordInterviewBody,
  scheduleInterviewBody,
} from '../offer-schemas.js';
import { idParams } from '../schemas.js';

const withParticipant =
  'The employer is also shown the participant’s reasonable adjustments, fetched now through ' +
  'their consent for recruitment by an employer and never stored; without that consent (or once ' +
  'it expired or was withdrawn, or the participant was erased) only ids and the reason.';

/** Interviews for vacancies: arranged by the operator or the employer, recorded by the employer. */
export const interviewRoutes: FastifyPluginCallbackZod<{ deps: EmployerDeps }> = (
  app,
  { deps },
  done,
) => {
  app.post(
    '/v1/vacancies/:id/interviews',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary:
          'Schedule an interview for a vacancy (the programme’s operator, or the employer for a participant proposed to it)',
        description: withParticipant,
        headers: idempotencyHeaders,
        params: idParams,
        body: scheduleInterviewBody,
        response: creatingResponses(interviewWithParticipantSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ask = { vacancyId: request.params.id, ...request.body };
      // The stored (replayable) answer has ids only; the adjustments are added to each answer.
      const interview = await createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        ask,
        (tx) => scheduleInterview(tx, deps, actor, ask),
      );
      void reply.header('cache-control', 'no-store');
      const participant = await adjustmentsFor(deps, actor, interview.participantId);
      return { ...interview, ...(participant ? { participant } : {}) };
    },
  );

  app.get(
    '/v1/interviews',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'The interviews of the calling employer or operator',
        response: { 200: z.object({ items: z.array(interviewSchema) }) },
      },
    },
    async (request) => ({
      items: (await listInterviewsOf(deps.pool, actorOf(request).organisationId)).map(
        interviewView,
      ),
    }),
  );

  app.get(
    '/v1/interviews/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        description: withParticipant,
        params: idParams,
        response: { 200: interviewWithParticipantSchema, 404: problemJsonSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const interview = await getInterview(deps.pool, request.params.id);
      assertMayActOn(interview, actor, 'interview');
      void reply.header('cache-control', 'no-store');
      const participant = await adjustmentsFor(deps, actor, interview.participantId);
      return { ...interviewView(interview), ...(participant ? { participant } : {}) };
    },
  );

  app.post(
    '/v1/interviews/:id/record',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer records attendance and the result',
        params: idParams,
        body: recordInterviewBody,
        response: { 200: interviewSchema, 404: problemJsonSchema, 409: problemJsonSchema },
      },
    },
    async (request) =>
      recordInterview(deps, actorOf(request), request.params.id, {
        attendance: request.body.attendance,
        result: request.body.result ?? null,
      }),
  );
  done();
};
