import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problemJsonSchema } from '@ladder/http';
import { createOnce, idempotencyHeaders } from '@ladder/idempotency';
import { z } from 'zod';
import { getInterview, listInterviewsOf } from '../../db/interviews.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { creatingResponses } from '../responses.js';
import {
  callOffInterview,
  interviewView,
  moveInterview,
  recordInterview,
  scheduleInterview,
} from '../../use-cases/interviews.js';
import { adjustmentsFor } from '../../use-cases/participant-adjustments.js';
import {
  cancelInterviewBody,
  interviewSchema,
  interviewWithParticipantSchema,
  recordInterviewBody,
  rescheduleInterviewBody,
  scheduleInterviewBody,
} from '../offer-schemas.js';
import { idParams } from '../schemas.js';

const withParticipant =
  'The employer is also shown the participant’s reasonable adjustments, fetched now through ' +
  'their consent for recruitment by an employer and never stored; without that consent (or once ' +
  'it expired or was withdrawn, or the participant was erased) only ids and the reason.';

/** The answers of a change to a scheduled interview. */
const scheduledChange = {
  200: interviewSchema,
  403: problemJsonSchema,
  404: problemJsonSchema,
  409: problemJsonSchema,
  422: problemJsonSchema,
};

/**
 * Interviews for vacancies: arranged by the operator or the employer, moved or cancelled by
 * whoever arranged them, recorded by the employer.
 */
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
    '/v1/interviews/:id/reschedule',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'Whoever scheduled the interview moves it: a new time, format or site',
        description:
          'Until its outcome is recorded or it is cancelled (409). The new time is in the future ' +
          '(422); the same time, format and site again change nothing. The other party (who sees ' +
          'it) may not move it (403). Publishes InterviewRescheduled.',
        params: idParams,
        body: rescheduleInterviewBody,
        response: scheduledChange,
      },
    },
    async (request) => moveInterview(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/interviews/:id/cancel',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'Whoever scheduled the interview cancels it, with a reason code',
        description:
          'Until its outcome is recorded (409); a cancelled interview is never recorded. The same ' +
          'cancellation again changes nothing; another reason for it is refused (409). The other ' +
          'party may not cancel it (403). Publishes InterviewCancelled.',
        params: idParams,
        body: cancelInterviewBody,
        response: scheduledChange,
      },
    },
    async (request) =>
      callOffInterview(deps, actorOf(request), request.params.id, request.body.reasonCode),
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
