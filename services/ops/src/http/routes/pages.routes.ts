import { searchAudit } from '../../db/audit-log.repository.js';
import { z } from 'zod';
import { freeText, routes } from '@ladder/http';
import {
  endingOutcomes,
  journeyAttention,
  priorityGroups,
  reportBreakdowns,
  stages,
  noPriorityGroupKey,
  profileNotSharedKey,
  type JourneyAttention,
  type ReportBreakdown,
} from '@ladder/vocabulary';
import { reportBreakdownSchema } from '@ladder/vocabulary/schemas';
import { calendarDay } from '@ladder/http';
import { listJourneys, programmesOf } from '../../db/journeys.repository.js';
import type { OpsDeps } from '../../deps.js';
import { barChart } from '../../domain/bar-chart.js';
import { checkProgramme, journeyFilter, outcomeReport } from '../../use-cases/read-model.js';
import { journeyListQuery } from '../schemas.js';
import { requireViewer, viewerOf } from '../viewer.js';

import { label, options, requireStaff } from './page-helpers.js';
const queryString = (q: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();

/** A report group's key as words: codes of a closed set as labels, other keys as they are. */
function groupLabel(breakdown: ReportBreakdown, key: string): string {
  if (key === profileNotSharedKey) return 'Not shared for reporting';
  if (key === noPriorityGroupKey) return 'In no priority group';
  return breakdown === 'priority-group' ? label(key) : key;
}

/** A list of journeys needing attention is titled by what they need. */
const attentionTitle: Record<JourneyAttention, string> = {
  stalled: 'Stalled journeys',
  'at-risk': 'At-risk journeys',
  'stalled-or-at-risk': 'Stalled and at-risk journeys',
  'waiting-on-employer': 'Journeys waiting on an employer',
};

const reportPageQuery = z.object({
  referredFrom: calendarDay().optional(),
  referredTo: calendarDay().optional(),
  /** The figures as they stood at the end of this day (UTC). */
  asOfDay: calendarDay().optional(),
  /** How the figures are broken down in the table by group. */
  breakdown: reportBreakdownSchema.default('programme'),
});

/** The screens: journeys, a participant's journey, the outcome report. */
export const pageRoutes = routes(
  { name: 'ops-pages', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/journeys', 303));

    app.get(
      '/journeys',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('journeys'),
        schema: { hide: true, querystring: journeyListQuery },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const query = request.query;
        await checkProgramme(deps.pool, viewer, query.programmeId);
        const page = await listJourneys(deps.pool, journeyFilter(viewer, query, deps.now()));
        const programmes = await programmesOf(deps.pool, viewer.operatorOrganisationId);
        const { limit: _limit, offset: _offset, ...rest } = query;
        const base = queryString(rest);
        const at = (offset: number) => `/journeys?${base ? `${base}&` : ''}offset=${offset}`;
        return reply.view('journeys.njk', {
          title: query.attention ? attentionTitle[query.attention] : 'Journeys',
          nav:
            query.attention === 'waiting-on-employer'
              ? 'employer'
              : query.attention
                ? 'attention'
                : 'journeys',
          staff: request.staff,
          query,
          queryString: base,
          journeys: page.items,
          programmeItems: programmes.map((p) => ({
            value: p,
            text: p,
            selected: p === query.programmeId,
          })),
          stageItems: options(stages, query.stage, 'Any stage'),
          outcomeItems: options([...endingOutcomes, 'in-progress'], query.outcome, 'Any outcome'),
          attentionItems: options(journeyAttention, query.attention, 'All journeys'),
          priorityGroupItems: options(priorityGroups, query.priorityGroup, 'Any priority group'),
          previousHref: query.offset > 0 ? at(Math.max(0, query.offset - query.limit)) : undefined,
          nextHref: page.hasMore ? at(query.offset + query.limit) : undefined,
        });
      },
    );

    app.get(
      '/audit',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('audit'),
        schema: {
          hide: true,
          querystring: z.object({ search: freeText({ max: 200 }).optional() }),
        },
      },
      async (request, reply) => {
        const search = request.query.search || undefined;
        const entries = await searchAudit(
          deps.pool,
          viewerOf(request).operatorOrganisationId,
          search,
          200,
        );
        return reply.view('audit.njk', {
          title: 'Audit log',
          nav: 'audit',
          staff: request.staff,
          search,
          entries,
        });
      },
    );

    app.get(
      '/report',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('reports'),
        schema: { hide: true, querystring: reportPageQuery },
      },
      async (request, reply) => {
        const q = request.query;
        const asOf = q.asOfDay ? `${q.asOfDay}T23:59:59.999Z` : undefined;
        const cohort = { referredFrom: q.referredFrom, referredTo: q.referredTo, asOf };
        const report = await outcomeReport(
          deps.pool,
          viewerOf(request),
          { ...cohort, breakdown: q.breakdown },
          deps.now(),
        );
        const drill = (measure: string, code?: string, key?: string) =>
          `/journeys?${queryString({
            ...cohort,
            asOf: report.asOf,
            measure,
            code,
            ...(key === undefined ? {} : { breakdown: q.breakdown, key }),
          })}`;
        const endingRows = [
          { label: 'In progress', n: report.total.inProgress, href: drill('in-progress') },
          ...endingOutcomes.map((o) => ({
            label: label(o),
            n: report.total.endings[o],
            href: drill('ending', o),
          })),
        ];
        return reply.view('report.njk', {
          title: 'Outcome report',
          nav: 'report',
          staff: request.staff,
          query: q,
          queryString: queryString({ ...cohort, asOf: report.asOf, breakdown: q.breakdown }),
          breakdownItems: options(reportBreakdowns, q.breakdown, '').slice(1),
          breakdownLabel: label(q.breakdown),
          endingColumns: endingOutcomes.map(label),
          groupRows: report.groups.map((g) => ({
            label: groupLabel(q.breakdown, g.key),
            referred: { n: g.figures.referred, href: drill('referred', undefined, g.key) },
            inProgress: { n: g.figures.inProgress, href: drill('in-progress', undefined, g.key) },
            endings: endingOutcomes.map((o) => ({
              n: g.figures.endings[o],
              href: drill('ending', o, g.key),
            })),
          })),
          groupsOverlap: q.breakdown === 'priority-group',
          report,
          endingRows,
          referredHref: drill('referred'),
          stageRows: stages.map((s) => ({
            label: label(s),
            n: report.total.stages[s],
            href: drill('stage', s),
          })),
          chart: barChart(endingRows),
        });
      },
    );
  },
);
