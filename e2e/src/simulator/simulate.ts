import { setTimeout as sleep } from 'node:timers/promises';
import type { Ladder } from '../actors/ladder.js';
import { openProgramme, programmeAges, programmeAreas } from '../actors/programme-setting.js';
import { compare, type Comparison, type SystemAnswers } from './compare.js';
import { planCohort, type PersonPlan } from './plan.js';
import type { Profile } from './profile.js';
import { runCohort, type PersonRun } from './run.js';

export interface SimulationOptions {
  profile: Profile;
  people: number;
  seed: number;
  /** People on their way at once (default 8). */
  concurrency?: number;
  /** After the last step, how long the read models may take to catch up (default 60 s). */
  settleMs?: number;
  onPersonDone?: (run: PersonRun) => void;
}

export interface SimulationResult {
  programmeId: string;
  plans: PersonPlan[];
  runs: PersonRun[];
  comparison: Comparison;
  /** From the first referral to the last step taken. */
  runMs: number;
}

/** `fn` over `items`, `limit` at a time (so that reading many views keeps within rate limits). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Reads the ops outcome report (by programme and by referrer), and the referrer's view of each
 * run in `reread` (the others are kept from `previous`).
 */
async function readAnswers(
  ladder: Ladder,
  programmeId: string,
  reread: readonly PersonRun[],
  previous?: SystemAnswers,
): Promise<SystemAnswers> {
  const [byProgramme, byReferrer] = await Promise.all([
    ladder.ops.outcomes(programmeId, 'programme'),
    ladder.ops.outcomes(programmeId, 'referrer'),
  ]);
  const views = new Map(previous?.views);
  await eachLimited(reread, 4, async (run) => {
    if (run.participant) views.set(run.plan.index, await run.participant.view());
  });
  return { byProgramme, byReferrer, views };
}

/**
 * A cohort through the running system: plans `people` from the profile and seed, publishes a
 * programme of their own (so the report holds only them), runs every person's route through the
 * public APIs, then compares the ops outcome report and the referrers' views with what the
 * simulator did. The read models are read again until they agree or `settleMs` has passed (each
 * step already waited for the referrer's view, but the ops read model follows on its own).
 */
export async function simulate(
  ladder: Ladder,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const plans = planCohort(options.profile, options.seed, options.people, {
    areas: programmeAreas,
    ages: programmeAges,
  });
  const setting = await openProgramme(
    ladder,
    `sim-${options.profile.name}-${options.seed}`,
    options.people,
  );
  const began = Date.now();
  const runs = await runCohort(ladder, setting, plans, {
    seed: options.seed,
    concurrency: options.concurrency ?? 8,
    ...(options.onPersonDone ? { onPersonDone: options.onPersonDone } : {}),
  });
  const runMs = Date.now() - began;
  const giveUpAt = Date.now() + (options.settleMs ?? 60_000);
  let answers = await readAnswers(ladder, setting.programmeId, runs);
  for (;;) {
    const comparison = compare(runs, answers);
    const settled = comparison.mismatches === comparison.failures.length;
    if (settled || Date.now() > giveUpAt)
      return { programmeId: setting.programmeId, plans, runs, comparison, runMs };
    await sleep(1_000);
    const differing = new Set(comparison.viewMismatches.map((m) => m.index));
    const reread = runs.filter((r) => differing.has(r.plan.index));
    answers = await readAnswers(ladder, setting.programmeId, reread, answers);
  }
}
