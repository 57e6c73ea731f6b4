import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf, requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema } from '@ladder/http';
import { createOnce, idempotencyHeaders } from '@ladder/idempotency';
import { z } from 'zod';
import type { Actor } from '@ladder/auth';
import {
  getSite,
  getSlot,
  insertSite,
  insertSlot,
  listSlots,
  type OpportunityListFilter,
} from '../../db/opportunities.repository.js';
import { assertEmployerOf } from '../../use-cases/access.js';
import type { EmployerDeps } from '../../use-cases/deps.js';
import { getVacancy, insertVacancy, listVacancies } from '../../db/vacancies.repository.js';
import {
  idParams,
  listedSlotSchema,
  listedVacancySchema,
  opportunityListQuery,
  siteBody,
  siteSchema,
  slotBody,
  slotSchema,
  vacancyBody,
  vacancySchema,
} from '../schemas.js';

const siteView = <T extends { id: string }>(s: T) => ({
  ...s,
  links: { self: `/v1/sites/${s.id}` },
});
const slotView = <T extends { id: string }>(s: T) => ({
  ...s,
  links: { self: `/v1/placement-slots/${s.id}` },
});

const vacancyView = <T extends { id: string }>(v: T) => ({
  ...v,
  links: { self: `/v1/vacancies/${v.id}` },
});

/**
 * Whose opportunities a list shows the caller: an employer its own, a programme operator every
 * employer's still open today (it proposes participants for them); anyone else is refused.
 */
function listFilterFor(actor: Actor, limit: number, today: string): OpportunityListFilter {
  if (actor.organisationKind === 'employer')
    return { employerOrganisationId: actor.organisationId, limit };
  if (actor.organisationKind === 'programme-operator') return { openOn: today, limit };
  throw problem.forbidden('only employers and programme operators list opportunities');
}

/**
 * An employer's sites, placement slots and vacancies; only the employer creates them or sees its
 * sites; operators read and list slots and vacancies to propose participants for them.
 */
export const opportunityRoutes: FastifyPluginCallbackZod<{ deps: EmployerDeps }> = (
  app,
  { deps },
  done,
) => {
  app.post(
    '/v1/sites',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'Add a site of the calling employer',
        headers: idempotencyHeaders,
        body: siteBody,
        response: {
          200: siteSchema,
          201: siteSchema,
          404: problemJsonSchema,
          409: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.organisationKind !== 'employer') throw problem.forbidden('employers only');
      return createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        request.body,
        async (tx) =>
          siteView(
            await insertSite(tx, {
              id: randomUUID(),
              employerOrganisationId: actor.organisationId,
              ...request.body,
            }),
          ),
      );
    },
  );

  app.get(
    '/v1/sites/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: { params: idParams, response: { 200: siteSchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const site = await getSite(deps.pool, request.params.id);
      assertEmployerOf(site?.employerOrganisationId, actorOf(request));
      return siteView(site!);
    },
  );

  app.post(
    '/v1/placement-slots',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary:
          'Offer placements at one of the employer’s sites: kind, role area, dates, capacity',
        headers: idempotencyHeaders,
        body: slotBody,
        response: {
          200: slotSchema,
          201: slotSchema,
          404: problemJsonSchema,
          409: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        request.body,
        async (tx) => {
          const site = await getSite(tx, request.body.siteId);
          assertEmployerOf(site?.employerOrganisationId, actor);
          return slotView(
            await insertSlot(tx, {
              id: randomUUID(),
              employerOrganisationId: actor.organisationId,
              ...request.body,
            }),
          );
        },
      );
    },
  );

  app.get(
    '/v1/placement-slots/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: { params: idParams, response: { 200: slotSchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const slot = await getSlot(deps.pool, request.params.id);
      const actor = actorOf(request);
      // Operators see slots to propose participants for them; other employers never do.
      if (!(slot && actor.organisationKind === 'programme-operator'))
        assertEmployerOf(slot?.employerOrganisationId, actor);
      return slotView(slot!);
    },
  );
  app.post(
    '/v1/vacancies',
    {
      preHandler: requireScope(scopes.employmentWrite),
      schema: {
        summary: 'Advertise an entry-level vacancy at one of the employer’s sites',
        headers: idempotencyHeaders,
        body: vacancyBody,
        response: {
          200: vacancySchema,
          201: vacancySchema,
          404: problemJsonSchema,
          409: problemJsonSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return createOnce(
        reply,
        deps,
        actor,
        request.headers['idempotency-key'],
        request.body,
        async (tx) => {
          const site = await getSite(tx, request.body.siteId);
          assertEmployerOf(site?.employerOrganisationId, actor);
          return vacancyView(
            await insertVacancy(tx, {
              id: randomUUID(),
              employerOrganisationId: actor.organisationId,
              ...request.body,
            }),
          );
        },
      );
    },
  );

  app.get(
    '/v1/vacancies/:id',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: { params: idParams, response: { 200: vacancySchema, 404: problemJsonSchema } },
    },
    async (request) => {
      const vacancy = await getVacancy(deps.pool, request.params.id);
      const actor = actorOf(request);
      if (!(vacancy && actor.organisationKind === 'programme-operator'))
        assertEmployerOf(vacancy?.employerOrganisationId, actor);
      return vacancyView(vacancy!);
    },
  );

  const today = () => deps.now().toISOString().slice(0, 10);
  const listResponses = (item: z.ZodType) => ({
    200: z.object({ items: z.array(item) }),
    403: problemJsonSchema,
  });

  app.get(
    '/v1/placement-slots',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary:
          "An employer's placement slots, or for a programme operator every slot still open (soonest first)",
        querystring: opportunityListQuery,
        response: listResponses(listedSlotSchema),
      },
    },
    async (request) => {
      const filter = listFilterFor(actorOf(request), request.query.limit, today());
      return { items: (await listSlots(deps.pool, filter)).map(slotView) };
    },
  );

  app.get(
    '/v1/vacancies',
    {
      preHandler: requireScope(scopes.employmentRead),
      schema: {
        summary:
          "An employer's vacancies, or for a programme operator every vacancy still open (closing soonest first)",
        querystring: opportunityListQuery,
        response: listResponses(listedVacancySchema),
      },
    },
    async (request) => {
      const filter = listFilterFor(actorOf(request), request.query.limit, today());
      return { items: (await listVacancies(deps.pool, filter)).map(vacancyView) };
    },
  );
  done();
};
