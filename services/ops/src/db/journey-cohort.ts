import {
  endingOutcomes,
  multiGroupBreakdowns,
  noPriorityGroupKey,
  profileNotSharedKey,
  type ReportBreakdown,
} from '@ladder/vocabulary';

/** Which journeys a report or list is about. Every query is bounded to one operator's programmes. */
export interface CohortFilter {
  operatorOrganisationId: string;
  programmeId?: string | undefined;
  /** Referred on or after this day (UTC), and on or before `referredTo`. */
  referredFrom?: string | undefined;
  referredTo?: string | undefined;
  /** The figures as they stood at this time: later milestones are not seen. */
  asOf: string;
}

/** SQL text and its values, built up one parameter at a time. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The `facts` CTE: one row per person and programme referred in the range by the asOf time (their
 * latest referral there, so that a person is counted once), with the stages reached, the outcomes
 * recorded and the outcome that ended the journey, each as of `asOf`. A journey has reached the
 * referral stage by being referred.
 */
export function cohortFacts(filter: CohortFilter, sql: SqlParams): string {
  const asOf = sql.add(filter.asOf);
  const where = [
    `p.operator_organisation_id = ${sql.add(filter.operatorOrganisationId)}`,
    `j.referred_at <= ${asOf}`,
  ];
  if (filter.programmeId) where.push(`j.programme_id = ${sql.add(filter.programmeId)}`);
  if (filter.referredFrom)
    where.push(
      `j.referred_at >= (${sql.add(filter.referredFrom)}::date)::timestamp at time zone 'UTC'`,
    );
  if (filter.referredTo)
    where.push(
      `j.referred_at < (${sql.add(filter.referredTo)}::date + 1)::timestamp at time zone 'UTC'`,
    );
  const ending = sql.add(endingOutcomes);
  return `cohort as (
      select distinct on (j.participant_id, j.programme_id)
             j.referral_id, j.participant_id, j.programme_id, j.referrer_organisation_id, j.referred_at,
             j.area, j.priority_groups
        from journey j join programme p on p.programme_id = j.programme_id
       where ${where.join(' and ')}
       order by j.participant_id, j.programme_id, j.referred_at desc, j.referral_id desc
    ), facts as (
      select c.*, to_char(c.referred_at at time zone 'UTC', 'YYYY-MM') as period,
             array(select 'referral' union
                   select m.code from journey_milestone m
                    where m.referral_id = c.referral_id and m.kind = 'stage' and m.occurred_at <= ${asOf})
               as stages,
             array(select distinct m.code from journey_milestone m
                    where m.referral_id = c.referral_id and m.kind = 'outcome' and m.occurred_at <= ${asOf})
               as outcomes,
             (select m.code from journey_milestone m
               where m.referral_id = c.referral_id and m.kind = 'outcome'
                 and m.code = any(${ending}::text[]) and m.occurred_at <= ${asOf}
               order by m.occurred_at, m.event_id limit 1) as ending
        from cohort c
    )`;
}

/**
 * Each breakdown's group of a person of the `facts` CTE (as `f`): one key, or for a breakdown
 * where a person may be in several groups (`multiGroupBreakdowns`), an array of keys. The area
 * and priority groups are the read model's now, not as of the report's time: once consent is
 * withdrawn they are gone from every report, past ones included.
 */
const breakdownKeys: Record<ReportBreakdown, string> = {
  programme: 'f.programme_id',
  period: 'f.period',
  referrer: 'f.referrer_organisation_id',
  area: `coalesce(f.area, '${profileNotSharedKey}')`,
  'priority-group': `case when f.priority_groups is null then array['${profileNotSharedKey}']
                          when cardinality(f.priority_groups) = 0 then array['${noPriorityGroupKey}']
                          else f.priority_groups end`,
};

export const isMultiGroup = (breakdown: ReportBreakdown): boolean =>
  (multiGroupBreakdowns as readonly ReportBreakdown[]).includes(breakdown);

/**
 * The `keyed` relation over `facts`: a row (`key`, the person's facts) per group the person is in
 * for the breakdown: one for most, one per priority group for `priority-group`.
 */
export function keyedFacts(breakdown: ReportBreakdown): string {
  const key = breakdownKeys[breakdown];
  return isMultiGroup(breakdown)
    ? `keyed as (select k as key, f.* from facts f cross join unnest(${key}) as k)`
    : `keyed as (select ${key} as key, f.* from facts f)`;
}

/** The condition that the person `f` is in the breakdown's group `key` (a parameter). */
export function inGroup(breakdown: ReportBreakdown, key: string): string {
  const expression = breakdownKeys[breakdown];
  return isMultiGroup(breakdown) ? `${key} = any(${expression})` : `${expression} = ${key}`;
}
