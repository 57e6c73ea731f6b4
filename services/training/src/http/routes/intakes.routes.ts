import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema } from '@ladder/http';
import { getIntake, listIntakes, operatorUsesIntake } from '../../db/intakes.repository.js';
import { listPlaces } from '../../db/places.repository.js';
import { registerVersions } from '../../db/registers.repository.js';
import { assertProviderOf } from '../../use-cases/access.js';
import type { Actor, TrainingDeps } from '../../use-cases/deps.js';
import { changeCapacity, placeView } from '../../use-cases/places.js';
import { recordRegister } from '../../use-cases/registers.js';
import { actorOf } from '../request-actor.js';
import {
  capacityBody,
  idParams,
  intakeDetailSchema,
  intakeSchema,
  registerBody,
  registerParams,
  registerSchema,
} from '../schemas.js';

/**
 * Intakes, their seats and their registers. The provider sees and changes its own; a programme
 * operator sees the intakes its participants have places on, with only those places.
 */
export const intakeRoutes: FastifyPluginCallbackZod<{ deps: TrainingDeps }> = (
  app,
  { deps },
  done,
) => {
  /** The operator whose participants use the intake, or the provider running it; else 404. */
  const visibleTo = async (intakeId: string, actor: Actor) => {
    const intake = await getIntake(deps.pool, intakeId);
    if (intake && actor.organisationKind === 'training-provider')
      if (intake.providerOrganisationId === actor.organisationId)
        return { intake, operator: undefined };
    if (
      intake &&
      actor.organisationKind === 'programme-operator' &&
      (await operatorUsesIntake(deps.pool, intakeId, actor.organisationId))
    )
      return { intake, operator: actor.organisationId };
    throw problem.notFound('no such intake');
  };

  app.get(
    '/v1/intakes',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: {
        summary: "A provider's intakes, or those an operator's participants have places on",
        querystring: z.object({ courseId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(intakeSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const courseId = request.query.courseId;
      const filter =
        actor.organisationKind === 'training-provider'
          ? { providerOrganisationId: actor.organisationId }
          : actor.organisationKind === 'programme-operator'
            ? { operatorOrganisationId: actor.organisationId }
            : undefined;
      if (!filter) return { items: [] };
      return {
        items: await listIntakes(deps.pool, { ...filter, ...(courseId ? { courseId } : {}) }),
      };
    },
  );

  app.get(
    '/v1/intakes/:id',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: {
        summary: 'An intake with its timetable, seats and places (in request order)',
        params: idParams,
        response: { 200: intakeDetailSchema, 404: problemJsonSchema },
      },
    },
    async (request) => {
      const { intake, operator } = await visibleTo(request.params.id, actorOf(request));
      const places = await listPlaces(deps.pool, intake.id, operator);
      return { ...intake, places: await Promise.all(places.map((p) => placeView(deps.pool, p))) };
    },
  );

  app.patch(
    '/v1/intakes/:id/capacity',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: "Change an intake's seats; new seats are offered to those first in line",
        params: idParams,
        body: capacityBody,
        response: { 200: intakeSchema, 404: problemJsonSchema, 409: problemJsonSchema },
      },
    },
    async (request) => {
      await changeCapacity(deps, actorOf(request), request.params.id, request.body.capacity);
      return (await getIntake(deps.pool, request.params.id))!;
    },
  );

  app.put(
    '/v1/intakes/:id/sessions/:sessionNumber/register',
    {
      preHandler: requireScope(scopes.trainingWrite),
      schema: {
        summary: "Record a whole session's register",
        description:
          'Idempotent: the same register again changes nothing (200). Different marks are a ' +
          'correction, stored as the next version with who and when (201).',
        params: registerParams,
        body: registerBody,
        response: {
          200: registerSchema,
          201: registerSchema,
          404: problemJsonSchema,
          422: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const at = { intakeId: request.params.id, sessionNumber: request.params.sessionNumber };
      const { changed } = await recordRegister(deps, actorOf(request), at, request.body.marks);
      return reply.code(changed ? 201 : 200).send(await registerOf(at));
    },
  );

  const registerOf = async (at: { intakeId: string; sessionNumber: number }) => {
    const versions = await registerVersions(deps.pool, at.intakeId, at.sessionNumber);
    const latest = versions.at(-1);
    if (!latest) throw problem.notFound('no register recorded for this session');
    return {
      ...at,
      version: latest.version,
      recordedByOrganisationId: latest.recordedByOrganisationId,
      recordedAt: latest.recordedAt,
      marks: latest.marks,
      history: versions.map((v) => ({
        version: v.version,
        recordedByOrganisationId: v.recordedByOrganisationId,
        recordedAt: v.recordedAt,
      })),
    };
  };

  app.get(
    '/v1/intakes/:id/sessions/:sessionNumber/register',
    {
      preHandler: requireScope(scopes.trainingRead),
      schema: {
        summary: "A session's latest register and its versions (the provider)",
        params: registerParams,
        response: { 200: registerSchema, 404: problemJsonSchema },
      },
    },
    async (request) => {
      const intake = await getIntake(deps.pool, request.params.id);
      assertProviderOf(intake?.providerOrganisationId, actorOf(request));
      return registerOf({
        intakeId: request.params.id,
        sessionNumber: request.params.sessionNumber,
      });
    },
  );
  done();
};
