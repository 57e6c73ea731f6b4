import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { positiveInt, problem, problemJsonSchema, routes } from '@ladder/http';
import { withTransaction } from '@ladder/db';
import {
  addProgrammeVersion,
  createProgramme,
  findProgramme,
  listProgrammes,
} from '../../db/programmes.repository.js';
import { programmeRulesSchema } from '../../domain/programme-rules.js';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { callerOf, requestContext } from '../request-context.js';

const programmeSchema = z.object({
  id: z.string(),
  operatorOrganisationId: z.string(),
  version: z.number().int(),
  rules: programmeRulesSchema,
  updatedAt: z.string(),
});
const programmeParams = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,100}$/, 'lower-case letters, digits and hyphens'),
});

/** Programmes and their rules, versioned; only the operating organisation may change one. */
export const programmeRoutes = routes<ReferralDeps>(
  { name: 'programme-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    app.get(
      '/v1/programmes',
      {
        preHandler: requireScope(scopes.programmesRead),
        schema: {
          summary: 'Programmes and their current rules',
          response: { 200: z.object({ items: z.array(programmeSchema) }) },
        },
      },
      async () => ({ items: await listProgrammes(deps.pool) }),
    );

    app.get(
      '/v1/programmes/:id',
      {
        preHandler: requireScope(scopes.programmesRead),
        schema: {
          params: programmeParams,
          querystring: z.object({ version: positiveInt().optional() }),
          response: { 200: programmeSchema, 404: problemJsonSchema },
        },
      },
      async (request) => {
        const programme = await findProgramme(deps.pool, request.params.id, request.query.version);
        if (!programme) throw problem.notFound('no such programme');
        return programme;
      },
    );

    app.post(
      '/v1/programmes',
      {
        preHandler: requireScope(scopes.programmesWrite),
        schema: {
          summary: 'Create a programme (programme operators only)',
          body: z.object({ id: programmeParams.shape.id, rules: programmeRulesSchema }),
          response: { 201: programmeSchema, 409: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        if (caller.organisationKind !== 'programme-operator')
          throw problem.forbidden('only a programme operator can create programmes');
        const created = await createProgramme(
          deps.pool,
          {
            id: request.body.id,
            operatorOrganisationId: caller.organisationId,
            rules: request.body.rules,
          },
          requestContext(request).correlationId,
        );
        if (!created)
          throw problem.conflict('a programme with this id exists', { code: 'programme-exists' });
        return reply.code(201).send((await findProgramme(deps.pool, request.body.id))!);
      },
    );

    app.post(
      '/v1/programmes/:id/versions',
      {
        preHandler: requireScope(scopes.programmesWrite),
        schema: {
          summary: "Change a programme's rules: a new version, for new referrals",
          params: programmeParams,
          body: z.object({ rules: programmeRulesSchema }),
          response: { 201: programmeSchema, 404: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const version = await withTransaction(deps.pool, async (tx) => {
          const programme = await findProgramme(tx, request.params.id);
          if (!programme || programme.operatorOrganisationId !== caller.organisationId)
            return undefined;
          return addProgrammeVersion(
            tx,
            programme,
            request.body.rules,
            requestContext(request).correlationId,
          );
        });
        if (version === undefined) throw problem.notFound('no such programme of yours');
        return reply.code(201).send((await findProgramme(deps.pool, request.params.id, version))!);
      },
    );
  },
);
