import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { problem, problemJsonSchema } from '@ladder/http';
import { getCourse, listCourses, type Course } from '../../db/courses.repository.js';
import { listIntakes } from '../../db/intakes.repository.js';
import { toOpenReferralService } from '../../domain/open-referral.js';
import type { TrainingDeps } from '../../use-cases/deps.js';
import { idParams } from '../schemas.js';

const text = z.string();
const serviceSchema = z.object({
  id: text,
  name: text,
  description: text,
  status: z.literal('active'),
  attending_type: text,
  deliverable_type: text,
  organization: z.object({ id: text, name: text, description: text }),
  service_at_locations: z.array(
    z.object({
      id: text,
      location: z.object({
        id: text,
        name: text,
        physical_addresses: z.array(z.object({ id: text, postal_code: text, country: text })),
      }),
    }),
  ),
  regular_schedules: z.array(
    z.object({
      id: text,
      service_id: text,
      valid_from: text,
      valid_to: text,
      dtstart: text,
      description: text,
    }),
  ),
  fundings: z.array(z.object({ id: text, source: text })),
  service_taxonomys: z.array(
    z.object({ id: text, taxonomy: z.object({ id: text, name: text, vocabulary: text }) }),
  ),
  eligibilitys: z.array(z.object({ id: text })),
  languages: z.array(z.object({ id: text, language: text })),
});

export interface CatalogueDeps extends TrainingDeps {
  /** A provider organisation's public name. */
  organisationName: (id: string) => Promise<string | undefined>;
}

/**
 * The course catalogue as open data in the Open Referral UK shape (services with their
 * locations and schedules), without authentication, for councils and the National Careers
 * Service to list. It holds no personal data.
 */
export const catalogueRoutes: FastifyPluginCallbackZod<{ deps: CatalogueDeps }> = (
  app,
  { deps },
  done,
) => {
  const service = async (course: Course) =>
    toOpenReferralService(
      course,
      {
        id: course.providerOrganisationId,
        name: (await deps.organisationName(course.providerOrganisationId)) ?? 'Training provider',
      },
      await listIntakes(deps.pool, { courseId: course.id }),
    );

  app.get(
    '/open-data/v1/services',
    {
      schema: {
        summary: 'The course catalogue as Open Referral UK services (no authentication)',
        security: [],
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          per_page: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            totalElements: z.number().int(),
            totalPages: z.number().int(),
            number: z.number().int(),
            size: z.number().int(),
            first: z.boolean(),
            last: z.boolean(),
            empty: z.boolean(),
            content: z.array(serviceSchema),
          }),
        },
      },
    },
    async (request) => {
      const { page, per_page: size } = request.query;
      const all = await listCourses(deps.pool);
      const content = await Promise.all(all.slice((page - 1) * size, page * size).map(service));
      const totalPages = Math.max(1, Math.ceil(all.length / size));
      return {
        totalElements: all.length,
        totalPages,
        number: page,
        size,
        first: page === 1,
        last: page >= totalPages,
        empty: content.length === 0,
        content,
      };
    },
  );

  app.get(
    '/open-data/v1/services/:id',
    {
      schema: {
        summary: 'One course as an Open Referral UK service (no authentication)',
        security: [],
        params: idParams,
        response: { 200: serviceSchema, 404: problemJsonSchema },
      },
    },
    async (request) => {
      const course = await getCourse(deps.pool, request.params.id);
      if (!course) throw problem.notFound('no such service');
      return service(course);
    },
  );
  done();
};
