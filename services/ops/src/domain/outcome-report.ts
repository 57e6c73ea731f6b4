import {
  endingOutcomes,
  outcomes,
  stages,
  type EndingOutcome,
  type Outcome,
  type ReportBreakdown,
  type ReportMeasure,
  type Stage,
} from '@ladder/vocabulary';

/** The figures of one group of people (or of everyone). */
export interface OutcomeFigures {
  referred: number;
  inProgress: number;
  /** How many people reached each stage (a person counts in every stage they reached). */
  stages: Record<Stage, number>;
  /** How many people had each outcome (once each; hired and sustained may both count). */
  outcomes: Record<Outcome, number>;
  /** The outcome that ended each journey: these and `inProgress` add up to `referred`. */
  endings: Record<EndingOutcome, number>;
}

export interface OutcomeReport {
  breakdown: ReportBreakdown;
  asOf: string;
  total: OutcomeFigures;
  groups: { key: string; figures: OutcomeFigures }[];
}

/** One count from the report query: a measure of one group (or of everyone, when `total`). */
export interface ReportCount {
  total: boolean;
  key: string | null;
  measure: ReportMeasure;
  code: string;
  n: number;
}

const zeros = <K extends string>(codes: readonly K[]): Record<K, number> =>
  Object.fromEntries(codes.map((c) => [c, 0])) as Record<K, number>;

const emptyFigures = (): OutcomeFigures => ({
  referred: 0,
  inProgress: 0,
  stages: zeros(stages),
  outcomes: zeros(outcomes),
  endings: zeros(endingOutcomes),
});

function add(figures: OutcomeFigures, row: ReportCount): void {
  switch (row.measure) {
    case 'referred':
      figures.referred = row.n;
      return;
    case 'in-progress':
      figures.inProgress = row.n;
      return;
    case 'stage':
      if (row.code in figures.stages) figures.stages[row.code as Stage] = row.n;
      return;
    case 'outcome':
      if (row.code in figures.outcomes) figures.outcomes[row.code as Outcome] = row.n;
      return;
    case 'ending':
      if (row.code in figures.endings) figures.endings[row.code as EndingOutcome] = row.n;
      return;
  }
}

/** Builds the report from its counts: every stage and outcome present, at zero when none. */
export function assembleOutcomeReport(
  breakdown: ReportBreakdown,
  asOf: string,
  counts: readonly ReportCount[],
): OutcomeReport {
  const total = emptyFigures();
  const groups = new Map<string, OutcomeFigures>();
  for (const row of counts) {
    if (row.total) {
      add(total, row);
      continue;
    }
    const key = row.key ?? '';
    let figures = groups.get(key);
    if (!figures) groups.set(key, (figures = emptyFigures()));
    add(figures, row);
  }
  return {
    breakdown,
    asOf,
    total,
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, figures]) => ({ key, figures })),
  };
}

/** Whether the figures add up: referred = in progress + every ending outcome. */
export function figuresAddUp(figures: OutcomeFigures): boolean {
  const ended = Object.values(figures.endings).reduce((sum, n) => sum + n, 0);
  return figures.referred === figures.inProgress + ended;
}
