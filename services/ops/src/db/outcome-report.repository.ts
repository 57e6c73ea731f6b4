import type { Queryable } from '@ladder/db';
import type { ReportBreakdown } from '@ladder/vocabulary';
import type { ReportCount } from '../domain/outcome-report.js';
import {
  cohortFacts,
  isMultiGroup,
  keyedFacts,
  SqlParams,
  type CohortFilter,
} from './journey-cohort.js';

/**
 * Counts the cohort's people by group: referred, still in progress, each stage reached, each
 * outcome recorded and each ending outcome, all as of the filter's time; and the same for
 * everyone (`total`). Each person appears once in each count they belong to: in a breakdown where
 * a person is in several groups, once in each group's and once in the total.
 */
export async function countOutcomes(
  db: Queryable,
  filter: CohortFilter,
  breakdown: ReportBreakdown,
): Promise<ReportCount[]> {
  const sql = new SqlParams();
  const facts = cohortFacts(filter, sql);
  // A person of several groups has a keyed row in each: the totals count them once.
  const people = isMultiGroup(breakdown) ? 'count(distinct referral_id)::int' : 'count(*)::int';
  const { rows } = await db.query<ReportCount>(
    `with ${facts}, ${keyedFacts(breakdown)}
     select grouping(key) = 1 as total, key, 'referred' as measure, '' as code, ${people} as n
       from keyed group by grouping sets ((key), ())
     union all
     select grouping(key) = 1, key, 'in-progress', '', ${people}
       from keyed where ending is null group by grouping sets ((key), ())
     union all
     select grouping(key) = 1, key, 'ending', ending, ${people}
       from keyed where ending is not null group by grouping sets ((key, ending), (ending))
     union all
     select grouping(key) = 1, key, 'outcome', o, ${people}
       from keyed cross join unnest(outcomes) as o group by grouping sets ((key, o), (o))
     union all
     select grouping(key) = 1, key, 'stage', s, ${people}
       from keyed cross join unnest(stages) as s group by grouping sets ((key, s), (s))`,
    sql.values,
  );
  return rows;
}
