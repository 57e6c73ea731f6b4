import { recordAudit } from '../../db/audit-log.repository.js';
import { z } from 'zod';
import { problem, problemJsonSchema, routes } from '@ladder/http';
import {
  findJourney,
  journeyTimeline,
  listJourneys,
  type JourneyRow,
} from '../../db/journeys.repository.js';
import { employerView } from '../../db/employer-facts.repository.js';
import type { OpsDeps } from '../../deps.js';
import { employerViewSchema } from '../../domain/employer-view.js';
import { allJourneys, checkProgramme, journeyFilter } from '../../use-cases/read-model.js';
import { csvLine } from '../csv/csv.js';
import { sendCsv } from '../csv/send-csv.js';
import { journeyListQuery, journeySchema, timelineEntrySchema } from '../schemas.js';
import { requireViewer, viewerOf } from '../viewer.js';

const csvColumns = [
  'referralId',
  'participantId',
  'programmeId',
  'referrerOrganisationId',
  'eligibility',
  'referredAt',
  'stage',
  'stageSince',
  'waitingFor',
  'waitingFrom',
  'deadlineName',
  'deadlineDueAt',
  'escalated',
  'atRisk',
  'endingOutcome',
  'endedAt',
  'withdrawnReason',
  'lastMilestoneAt',
  'nextDeadlineAt',
  'employerCheckDueOn',
  'sustainmentAnswerDueAt',
  'area',
  'priorityGroups',
] as const satisfies readonly (keyof JourneyRow)[];

/** A journey's value as a CSV cell: a list (the priority groups) as its codes joined by `;`. */
const cell = (value: JourneyRow[keyof JourneyRow]) =>
  Array.isArray(value) ? value.join(';') : value;

/** The operator's journeys: a filtered page, one journey with its timeline, and a CSV export. */
export const journeyRoutes = routes(
  { name: 'ops-journeys', dependencies: ['ladder-auth'] },
  (app, deps: OpsDeps) => {
    app.get(
      '/v1/ops/journeys',
      {
        preHandler: requireViewer('journeys'),
        schema: {
          summary: "The operator's journeys, filtered; or the journeys behind a report's figure",
          querystring: journeyListQuery,
          response: {
            200: z.object({ items: z.array(journeySchema), hasMore: z.boolean() }),
            404: problemJsonSchema,
          },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        await checkProgramme(deps.pool, viewer, request.query.programmeId);
        return listJourneys(deps.pool, journeyFilter(viewer, request.query, deps.now()));
      },
    );

    app.get(
      '/v1/ops/journeys.csv',
      {
        preHandler: requireViewer('journeys'),
        schema: {
          summary: 'The same journeys as CSV, every page of them, streamed',
          querystring: journeyListQuery.omit({ limit: true, offset: true }),
          produces: ['text/csv'],
          response: {
            200: { content: { 'text/csv': { schema: z.string() } } },
            404: problemJsonSchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        await checkProgramme(deps.pool, viewer, request.query.programmeId);
        await recordAudit(deps.pool, {
          operatorOrganisationId: viewer.operatorOrganisationId,
          actor: viewer.actor,
          action: 'journeys-exported',
          subject: new URL(request.url, 'http://x').search.slice(1) || 'all journeys',
        });
        const filter = journeyFilter(
          viewer,
          { ...request.query, limit: 1000, offset: 0 },
          deps.now(),
        );
        async function* lines(): AsyncGenerator<string> {
          yield csvLine(csvColumns);
          for await (const j of allJourneys(deps.pool, filter))
            yield csvLine(csvColumns.map((c) => cell(j[c])));
        }
        return sendCsv(reply, 'journeys.csv', lines());
      },
    );

    app.get(
      '/v1/ops/journeys/:id',
      {
        preHandler: requireViewer('journeys'),
        schema: {
          summary:
            'One journey: where it stands, everything that happened on it and what its employers reported',
          params: z.object({ id: z.uuid() }),
          response: {
            200: journeySchema.extend({
              timeline: z.array(timelineEntrySchema),
              employer: employerViewSchema,
            }),
            404: problemJsonSchema,
          },
        },
      },
      async (request) => {
        const journey = await findJourney(
          deps.pool,
          viewerOf(request).operatorOrganisationId,
          request.params.id,
        );
        if (!journey) throw problem.notFound('no such journey of yours');
        return {
          ...journey,
          timeline: await journeyTimeline(deps.pool, journey),
          employer: await employerView(
            deps.pool,
            journey.participantId,
            journey.programmeId,
            deps.now(),
          ),
        };
      },
    );
  },
);
