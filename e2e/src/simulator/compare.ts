import { endingOutcomes, outcomes, stages } from '@ladder/vocabulary';
import type { OutcomeFigures, OutcomeReport } from '../clients/ops-api.js';
import type { ReferralDetail } from '../clients/referral-api.js';
import {
  expectedFigures,
  expectedJourney,
  expectedReferrerView,
  type ExpectedJourney,
} from './expected.js';
import type { PersonRun } from './run.js';

/** One figure of one group: what the simulator made, what the system reports. */
export interface FigureRow {
  measure: string;
  code: string;
  /** By group: `total`, then each referrer. */
  cells: { group: string; simulator: number; system: number | undefined }[];
}

/** A person whose referrer is told something other than what the simulator did. */
export interface ViewMismatch {
  index: number;
  referralId: string;
  expected: unknown;
  seen: unknown;
}

export interface Comparison {
  rows: FigureRow[];
  viewMismatches: ViewMismatch[];
  /** People whose route broke off (a refusal, or a step that never showed). */
  failures: string[];
  /** Differing figures + differing views + failures: the run passes only at 0. */
  mismatches: number;
}

/** Every figure of the report, in its order: referred, in progress, stages, outcomes, endings. */
const measures: { measure: string; code: string; of: (f: OutcomeFigures) => number }[] = [
  { measure: 'referred', code: '', of: (f) => f.referred },
  { measure: 'in progress', code: '', of: (f) => f.inProgress },
  ...stages.map((s) => ({
    measure: 'stage reached',
    code: s,
    of: (f: OutcomeFigures) => f.stages[s],
  })),
  ...outcomes.map((o) => ({
    measure: 'outcome',
    code: o,
    of: (f: OutcomeFigures) => f.outcomes[o],
  })),
  ...endingOutcomes.map((e) => ({
    measure: 'ending',
    code: e,
    of: (f: OutcomeFigures) => f.endings[e],
  })),
];

/** What the system said, read once the cohort has run. */
export interface SystemAnswers {
  /** `GET /v1/ops/reports/outcomes` for the programme, by programme and by referrer. */
  byProgramme: OutcomeReport;
  byReferrer: OutcomeReport;
  /** Each person's referral as their Job Centre sees it (by plan index). */
  views: Map<number, ReferralDetail>;
}

/**
 * Sets the simulator's own figures (from what it did, person by person) beside the ops outcome
 * report and each referrer's view of each referral.
 */
export function compare(runs: readonly PersonRun[], answers: SystemAnswers): Comparison {
  const journeys = new Map<number, ExpectedJourney>(
    runs.map((r) => [r.plan.index, expectedJourney(r.plan)]),
  );
  const referrers = [...new Set(runs.map((r) => r.plan.referrer))].sort();
  const groups = [
    {
      group: 'total',
      expected: expectedFigures([...journeys.values()]),
      system: answers.byProgramme.total,
    },
    ...referrers.map((referrer) => ({
      group: referrer,
      expected: expectedFigures(
        runs.filter((r) => r.plan.referrer === referrer).map((r) => journeys.get(r.plan.index)!),
      ),
      system: answers.byReferrer.groups.find((g) => g.key === referrer)?.figures,
    })),
  ];
  const rows = measures.map(({ measure, code, of }) => ({
    measure,
    code,
    cells: groups.map((g) => ({
      group: g.group,
      simulator: of(g.expected),
      system: g.system ? of(g.system) : undefined,
    })),
  }));

  const viewMismatches: ViewMismatch[] = [];
  for (const run of runs) {
    if (run.participant === undefined) continue;
    const expected = expectedReferrerView(journeys.get(run.plan.index)!);
    const view = answers.views.get(run.plan.index);
    const seen = view && { status: view.status, stage: view.stage, outcome: view.outcome };
    if (JSON.stringify(seen) !== JSON.stringify(expected))
      viewMismatches.push({
        index: run.plan.index,
        referralId: run.participant.referralId,
        expected,
        seen,
      });
  }
  const failures = runs.flatMap((r) => (r.failure ? [r.failure] : []));
  const differing = rows.filter((r) => r.cells.some((c) => c.simulator !== c.system)).length;
  return {
    rows,
    viewMismatches,
    failures,
    mismatches: differing + viewMismatches.length + failures.length,
  };
}
