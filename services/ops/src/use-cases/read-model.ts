import { problem } from '@ladder/http';
import type { Queryable } from '@ladder/db';
import { countOutcomes } from '../db/outcome-report.repository.js';
import { listJourneys, programmesOf, type JourneyListFilter } from '../db/journeys.repository.js';
import { assembleOutcomeReport, type OutcomeReport } from '../domain/outcome-report.js';
import type { JourneyListQuery } from '../http/schemas.js';
import type { ReportBreakdown } from '@ladder/vocabulary';
import type { Viewer } from '../http/viewer.js';

/** Refuses a programme the viewer's operator does not run, as if it did not exist. */
export async function checkProgramme(
  db: Queryable,
  viewer: Viewer,
  programmeId: string | undefined,
): Promise<void> {
  if (programmeId === undefined) return;
  const mine = await programmesOf(db, viewer.operatorOrganisationId);
  if (!mine.includes(programmeId))
    throw problem.notFound('no such programme of yours', { field: 'programmeId' });
}

export interface CohortInput {
  programmeId?: string | undefined;
  referredFrom?: string | undefined;
  referredTo?: string | undefined;
  asOf?: string | undefined;
}

export async function outcomeReport(
  db: Queryable,
  viewer: Viewer,
  input: CohortInput & { breakdown: ReportBreakdown },
  now: Date,
): Promise<OutcomeReport> {
  await checkProgramme(db, viewer, input.programmeId);
  const asOf = input.asOf ? new Date(input.asOf).toISOString() : now.toISOString();
  const counts = await countOutcomes(
    db,
    {
      operatorOrganisationId: viewer.operatorOrganisationId,
      programmeId: input.programmeId,
      referredFrom: input.referredFrom,
      referredTo: input.referredTo,
      asOf,
    },
    input.breakdown,
  );
  return assembleOutcomeReport(input.breakdown, asOf, counts);
}

/** The list filter a query asks for: a report figure's journeys when it names a measure. */
export function journeyFilter(
  viewer: Viewer,
  query: JourneyListQuery,
  now: Date,
): JourneyListFilter {
  return {
    operatorOrganisationId: viewer.operatorOrganisationId,
    programmeId: query.programmeId,
    stage: query.stage,
    outcome: query.outcome,
    attention: query.attention,
    area: query.area,
    priorityGroup: query.priorityGroup,
    deadlineWithinDays: query.deadlineWithinDays,
    now: now.toISOString(),
    referralId: query.referralId,
    order: query.order,
    limit: query.limit,
    offset: query.offset,
    drillDown: query.measure
      ? {
          cohort: {
            programmeId: query.programmeId,
            referredFrom: query.referredFrom,
            referredTo: query.referredTo,
            asOf: query.asOf ? new Date(query.asOf).toISOString() : now.toISOString(),
          },
          measure: query.measure,
          code: query.code,
          breakdown: query.breakdown,
          key: query.key,
        }
      : undefined,
  };
}

/** Every journey the filter matches, page by page, for a streamed export. */
export async function* allJourneys(db: Queryable, filter: JourneyListFilter) {
  for (let offset = 0; ; offset += 1000) {
    const page = await listJourneys(db, { ...filter, limit: 1000, offset });
    yield* page.items;
    if (!page.hasMore) return;
  }
}
