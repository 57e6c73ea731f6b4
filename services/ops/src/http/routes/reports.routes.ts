import { z } from 'zod';
import { problemJsonSchema, routes } from '@ladder/http';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { OutcomeFigures } from '../../domain/outcome-report.js';
import { outcomeReport } from '../../use-cases/read-model.js';
import { csvLine } from '../csv/csv.js';
import { sendCsv } from '../csv/send-csv.js';
import { outcomeReportSchema, reportQuery } from '../schemas.js';
import { requireViewer, viewerOf } from '../viewer.js';

function* figureLines(breakdown: string, key: string, f: OutcomeFigures): Generator<string> {
  yield csvLine([breakdown, key, 'referred', '', f.referred]);
  yield csvLine([breakdown, key, 'in-progress', '', f.inProgress]);
  for (const [code, n] of Object.entries(f.stages))
    yield csvLine([breakdown, key, 'stage', code, n]);
  for (const [code, n] of Object.entries(f.outcomes))
    yield csvLine([breakdown, key, 'outcome', code, n]);
  for (const [code, n] of Object.entries(f.endings))
    yield csvLine([breakdown, key, 'ending', code, n]);
}

/** The outcome report, as JSON and as CSV. */
export const reportRoutes = routes(
  { name: 'ops-reports', dependencies: ['ladder-auth'] },
  (app, deps: OpsDeps) => {
    app.get(
      '/v1/ops/reports/outcomes',
      {
        preHandler: requireViewer('reports'),
        schema: {
          summary:
            'Of the people referred in a period: each stage reached and each outcome, as of a time',
          querystring: reportQuery,
          response: { 200: outcomeReportSchema, 404: problemJsonSchema },
        },
      },
      async (request) => outcomeReport(deps.pool, viewerOf(request), request.query, deps.now()),
    );

    app.get(
      '/v1/ops/reports/outcomes.csv',
      {
        preHandler: requireViewer('reports'),
        schema: {
          summary: 'The outcome report as CSV: one row per group, measure and code',
          querystring: reportQuery,
          produces: ['text/csv'],
          response: {
            200: { content: { 'text/csv': { schema: z.string() } } },
            404: problemJsonSchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const report = await outcomeReport(deps.pool, viewer, request.query, deps.now());
        await recordAudit(deps.pool, {
          operatorOrganisationId: viewer.operatorOrganisationId,
          actor: viewer.actor,
          action: 'report-exported',
          subject: new URL(request.url, 'http://x').search.slice(1) || 'the whole report',
          detail: { asOf: report.asOf },
        });
        function* lines(): Generator<string> {
          yield csvLine(['breakdown', 'key', 'measure', 'code', 'people']);
          yield* figureLines(report.breakdown, 'all', report.total);
          for (const g of report.groups) yield* figureLines(report.breakdown, g.key, g.figures);
        }
        return sendCsv(reply, 'outcome-report.csv', lines());
      },
    );
  },
);
