import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema } from '@ladder/http';
import { idempotencyHeaders } from '@ladder/idempotency';
import { getCourse, insertCourse, listCourses, type Course } from '../../db/courses.repository.js';
import { getIntake, insertIntake } from '../../db/intakes.repository.js';
import { assertProviderOf } from '../../use-cases/access.js';
import type { TrainingDeps } from '../../use-cases/deps.js';
import { createOnce } from '../idempotent-create.js';
import { actorOf } from '../request-actor.js';
import { courseBody, courseSchema, idParams, intakeBody, intakeSchema } from '../schemas.js';

const withLinks = <T extends { id: string }>(path: string, item: T) => ({
  ...item,
  links: { self: `${path}/${item.id}` },
});
const courseOut = courseSchema.extend({ links: z.object({ self: z.string() }) });
const intakeOut = intakeSchema.extend({ links: z.object({ self: z.string() }) });

/** A provider's courses and their intakes: only the provider sees and changes its own. */
export const courseRoutes: FastifyPluginCallbackZod<{ deps: TrainingDeps }> = (
  app,
  { deps },
  done,
) => {
  const ownCourse = async (id: string, organisationId: string): Promise<Course> => {
    const course = await getCourse(deps.pool, id);
    if (!course || course.providerOrganisationId !== organisationId)
      throw problem.notFound('no such course of yours');
    return course;
  };

  app.post(
    '/v1/courses',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: 'Add a course (training providers)',
        headers: idempotencyHeaders,
        body: courseBody,
        response: {
          200: courseOut,
          201: courseOut,
          403: problemJsonSchema,
          409: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.organisationKind !== 'training-provider')
        throw problem.forbidden('only a training provider adds courses');
      return createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        request.body,
        async (tx) =>
          withLinks(
            '/v1/courses',
            await insertCourse(tx, randomUUID(), actor.organisationId, request.body),
          ),
      );
    },
  );

  app.get(
    '/v1/courses',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: {
        summary: "The caller's courses (a provider's own)",
        response: { 200: z.object({ items: z.array(courseOut) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.organisationKind !== 'training-provider') return { items: [] };
      const courses = await listCourses(deps.pool, actor.organisationId);
      return { items: courses.map((c) => withLinks('/v1/courses', c)) };
    },
  );

  app.get(
    '/v1/courses/:id',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: { params: idParams, response: { 200: courseOut, 404: problemJsonSchema } },
    },
    async (request) =>
      withLinks('/v1/courses', await ownCourse(request.params.id, actorOf(request).organisationId)),
  );

  app.post(
    '/v1/courses/:id/intakes',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: 'Add an intake of a course: dates, timetable and seats',
        headers: idempotencyHeaders,
        params: idParams,
        body: intakeBody,
        response: {
          200: intakeOut,
          201: intakeOut,
          404: problemJsonSchema,
          409: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const course = await getCourse(deps.pool, request.params.id);
      assertProviderOf(course?.providerOrganisationId, actor);
      return createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        { courseId: request.params.id, ...request.body },
        async (tx) => {
          const id = randomUUID();
          await insertIntake(tx, {
            id,
            courseId: request.params.id,
            providerOrganisationId: actor.organisationId,
            ...request.body,
          });
          return withLinks('/v1/intakes', (await getIntake(tx, id))!);
        },
      );
    },
  );
  done();
};
