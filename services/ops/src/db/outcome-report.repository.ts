import type { Queryable } from '@ladder/db';
import type { ReportBreakdown } from '@ladder/vocabulary';
import type { ReportCount } from '../domain/outcome-report.js';
import { cohortFacts, SqlParams, type CohortFilter } from './journey-cohort.js';

const keyColumn: Record<ReportBreakdown, string> = {
  programme: 'programme_id',
  period: 'period',
  referrer: 'referrer_organisation_id',
};

/**
 * Counts the cohort's people by group: referred, still in progress, each stage reached, each
 * outcome recorded and each ending outcome, all as of the filter's time; and the same for
 * everyone (`total`). Each person appears once in each count they belong to.
 */
export async function countOutcomes(
  db: Queryable,
  filter: CohortFilter,
  breakdown: ReportBreakdown,
): Promise<ReportCount[]> {
  const sql = new SqlParams();
  const facts = cohortFacts(filter, sql);
  const key = keyColumn[breakdown];
  const { rows } = await db.query<ReportCount>(
    `with ${facts}, keyed as (select ${key} as key, * from facts)
     select grouping(key) = 1 as total, key, 'referred' as measure, '' as code, count(*)::int as n
       from keyed group by grouping sets ((key), ())
     union all
     select grouping(key) = 1, key, 'in-progress', '', count(*)::int
       from keyed where ending is null group by grouping sets ((key), ())
     union all
     select grouping(key) = 1, key, 'ending', ending, count(*)::int
       from keyed where ending is not null group by grouping sets ((key, ending), (ending))
     union all
     select grouping(key) = 1, key, 'outcome', o, count(*)::int
       from keyed cross join unnest(outcomes) as o group by grouping sets ((key, o), (o))
     union all
     select grouping(key) = 1, key, 'stage', s, count(*)::int
       from keyed cross join unnest(stages) as s group by grouping sets ((key, s), (s))`,
    sql.values,
  );
  return rows;
}
