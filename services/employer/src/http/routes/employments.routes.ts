import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema } from '@ladder/http';
import { answerOnce, idempotencyHeaders } from '@ladder/idempotency';
import { sustainmentWeeksSchema } from '@ladder/vocabulary/schemas';
import { z } from 'zod';
import { getEmployment } from '../../db/employments.repository.js';
import {
  getSustainmentTask,
  listSustainmentTasksOf,
  type TaskPosition,
} from '../../db/sustainment-tasks.repository.js';
import { assertMayActOn } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { employmentView, sustainmentTaskView } from '../../use-cases/employment-views.js';
import { agreeStartDate, leavePost, startInPost } from '../../use-cases/employments.js';
import { answerSustainmentTask } from '../../use-cases/sustainment-tasks.js';
import {
  employmentSchema,
  leaveBody,
  startBody,
  startDateBody,
  sustainmentAnswerBody,
  sustainmentTaskSchema,
  taskListQuery,
  taskParams,
} from '../employment-schemas.js';
import { idParams } from '../schemas.js';

const changed = {
  200: employmentSchema,
  404: problemJsonSchema,
  409: problemJsonSchema,
  422: problemJsonSchema,
};
const created = { ...changed, 201: employmentSchema };
const createdOrChanged = <T>(r: { created: boolean; employment: T }) => ({
  created: r.created,
  body: r.employment,
});

/** Cursors are opaque to clients: base64url of the last task of the page before. */
const taskCursor = {
  encode: (t: TaskPosition): string =>
    Buffer.from(JSON.stringify([t.markAt, t.offerId, t.weeks])).toString('base64url'),
  decode(value: string): TaskPosition | undefined {
    try {
      const parsed = z
        .tuple([z.iso.datetime({ offset: true }), z.uuid(), sustainmentWeeksSchema])
        .safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
      return parsed.success
        ? { markAt: parsed.data[0], offerId: parsed.data[1], weeks: parsed.data[2] }
        : undefined;
    } catch {
      return undefined;
    }
  },
};

/**
 * What follows an unconditional offer: the start date, the start in post, the 13- and 26-week
 * sustainment tasks and leaving the post. The offer's employer acts; its programme's operator
 * may read; to anyone else none of it exists.
 */
export const employmentRoutes: FastifyPluginCallbackZod<{ deps: EmployerDeps }> = (
  app,
  { deps },
  done,
) => {
  app.post(
    '/v1/offers/:id/start-date',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer agrees the first day in post of an unconditional offer',
        description:
          'Creates the employment (201), or changes its start date before the start (200, and StartDateAgreed again); the same date again changes nothing.',
        headers: idempotencyHeaders,
        params: idParams,
        body: startDateBody,
        response: created,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ask = { offerId: request.params.id, ...request.body };
      return answerOnce(reply, deps, actor, request.headers['idempotency-key'], ask, async (tx) =>
        createdOrChanged(await agreeStartDate(tx, deps, actor, ask)),
      );
    },
  );

  app.post(
    '/v1/employments/:id/start',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer confirms the start in post (the hired outcome)',
        description:
          'Creates the 13- and 26-week sustainment tasks at the programme’s marks (201); the same start again changes nothing (200).',
        headers: idempotencyHeaders,
        params: idParams,
        body: startBody,
        response: created,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ask = { offerId: request.params.id, ...request.body };
      return answerOnce(reply, deps, actor, request.headers['idempotency-key'], ask, async (tx) =>
        createdOrChanged(await startInPost(tx, deps, actor, ask)),
      );
    },
  );

  app.post(
    '/v1/employments/:id/leave',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer reports the person left the post (any time after the start)',
        description:
          'LeftPost once; the sustainment tasks not yet answered end. The same report again changes nothing.',
        params: idParams,
        body: leaveBody,
        response: changed,
      },
    },
    async (request) => leavePost(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/employments/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'An employment and its sustainment tasks (its employer or programme operator)',
        params: idParams,
        response: { 200: employmentSchema, 404: problemJsonSchema },
      },
    },
    async (request) => {
      const employment = await getEmployment(deps.pool, request.params.id);
      assertMayActOn(employment, actorOf(request), 'employment');
      return employmentView(deps.pool, employment, deps.now());
    },
  );

  app.get(
    '/v1/sustainment-tasks',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'The sustainment tasks of the calling employer or operator, in mark order',
        description:
          'A task is `pending` until its mark, then `due` (overdue past answerDueAt) until answered. `nextCursor` fetches the next page (null on the last).',
        querystring: taskListQuery,
        response: {
          200: z.object({
            items: z.array(sustainmentTaskSchema),
            nextCursor: z.string().nullable(),
          }),
          400: problemJsonSchema,
        },
      },
    },
    async (request) => {
      const { status, limit } = request.query;
      const after =
        request.query.cursor === undefined ? undefined : taskCursor.decode(request.query.cursor);
      if (request.query.cursor !== undefined && after === undefined)
        throw problem.badRequest('the cursor is not one this API gave out', {
          errors: [{ field: 'querystring.cursor', message: 'invalid cursor' }],
        });
      const rows = await listSustainmentTasksOf(deps.pool, actorOf(request).organisationId, {
        limit: limit + 1,
        ...(status ? { status } : {}),
        ...(after ? { after } : {}),
      });
      const page = rows.slice(0, limit);
      const now = deps.now();
      return {
        items: page.map((t) => sustainmentTaskView(t, now)),
        nextCursor: rows.length > limit ? taskCursor.encode(page.at(-1)!) : null,
      };
    },
  );

  app.get(
    '/v1/employments/:id/sustainment-tasks/:weeks',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary: 'One sustainment task (13 or 26 weeks)',
        params: taskParams,
        response: { 200: sustainmentTaskSchema, 404: problemJsonSchema },
      },
    },
    async (request) => {
      const task = await getSustainmentTask(deps.pool, request.params.id, request.params.weeks);
      assertMayActOn(task, actorOf(request), 'sustainment task');
      return sustainmentTaskView(task, deps.now());
    },
  );

  app.post(
    '/v1/employments/:id/sustainment-tasks/:weeks/answer',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'The employer answers: still in post, or left (with the day and a reason)',
        description:
          'In post before the mark is kept and published when the mark is reached; left ends the tasks not yet answered. The same answer again changes nothing.',
        params: taskParams,
        body: sustainmentAnswerBody,
        response: {
          200: z.object({ task: sustainmentTaskSchema, employment: employmentSchema }),
          404: problemJsonSchema,
          409: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request) =>
      answerSustainmentTask(
        deps,
        actorOf(request),
        request.params.id,
        request.params.weeks,
        request.body,
      ),
  );
  done();
};
