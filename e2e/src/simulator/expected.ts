import {
  endingOutcomes,
  isEndingOutcome,
  outcomes,
  stages,
  type EndingOutcome,
  type Outcome,
  type Stage,
} from '@ladder/vocabulary';
import type { OutcomeFigures } from '../clients/ops-api.js';
import type { PersonPlan, Step } from './plan.js';

/** Where the simulator's own model says a person stands after their steps. */
export interface ExpectedJourney {
  stage: Stage;
  stagesReached: Set<Stage>;
  /** In the order they were recorded. */
  outcomes: Outcome[];
  ending: EndingOutcome | undefined;
}

/**
 * What each step does to the journey, as the simulator expects it (the table of
 * `docs/journeys.md`, for the steps it takes): the stage it moves to, the outcome it records.
 */
const effects: Record<Step['do'], (step: Step) => { stage?: Stage; outcome?: Outcome }> = {
  enrol: () => ({ stage: 'training' }),
  'complete-course': () => ({ stage: 'employability' }),
  'withdraw-from-course': () => ({ stage: 'employability' }),
  'progress-to-further-education': () => ({ outcome: 'further-education' }),
  'propose-placement': () => ({ stage: 'placement' }),
  'decline-placement': () => ({ stage: 'employability' }),
  'complete-placement': () => ({}),
  'interview-and-offer': () => ({ stage: 'offer' }),
  'decline-offer': () => ({ stage: 'employability' }),
  'accept-offer': () => ({ stage: 'pre-employment-checks' }),
  'fail-a-check': () => ({ stage: 'employability' }),
  'clear-checks': () => ({}),
  'start-in-post': () => ({ stage: 'in-work', outcome: 'hired' }),
  'confirm-in-post': (s) => ({
    outcome:
      s.do === 'confirm-in-post' && s.weeks === 26 ? 'sustained-26-weeks' : 'sustained-13-weeks',
  }),
  'leave-post': () => ({ outcome: 'not-sustained' }),
  withdraw: () => ({ outcome: 'withdrawn' }),
  'record-outcome': (s) => (s.do === 'record-outcome' ? { outcome: s.outcome } : {}),
};

/** The journey a plan leads to: every ending closes it, at once for someone not eligible. */
export function expectedJourney(plan: PersonPlan): ExpectedJourney {
  const journey: ExpectedJourney = {
    stage: 'referral',
    stagesReached: new Set(['referral']),
    outcomes: [],
    ending: undefined,
  };
  const record = (effect: { stage?: Stage; outcome?: Outcome }) => {
    if (effect.stage) {
      journey.stage = effect.stage;
      journey.stagesReached.add(effect.stage);
    }
    if (effect.outcome) {
      journey.outcomes.push(effect.outcome);
      if (isEndingOutcome(effect.outcome)) {
        journey.ending = effect.outcome as EndingOutcome;
        record({ stage: 'closed' });
      }
    }
  };
  if (!plan.eligible) {
    record({ outcome: 'not-eligible' });
    return journey;
  }
  record({ stage: 'engagement' });
  for (const step of plan.steps) record(effects[step.do](step));
  return journey;
}

const zeros = <K extends string>(codes: readonly K[]) =>
  Object.fromEntries(codes.map((c) => [c, 0])) as Record<K, number>;

/** The funnel of a group of people as the simulator made it, in the outcome report's shape. */
export function expectedFigures(journeys: readonly ExpectedJourney[]): OutcomeFigures {
  const figures: OutcomeFigures = {
    referred: journeys.length,
    inProgress: 0,
    stages: zeros(stages),
    outcomes: zeros(outcomes),
    endings: zeros(endingOutcomes),
  };
  for (const journey of journeys) {
    if (journey.ending === undefined) figures.inProgress += 1;
    else figures.endings[journey.ending] += 1;
    for (const stage of journey.stagesReached) figures.stages[stage] += 1;
    for (const outcome of new Set(journey.outcomes)) figures.outcomes[outcome] += 1;
  }
  return figures;
}

/** What the referrer's `GET /v1/referrals/:id` should say at the end. */
export interface ExpectedReferrerView {
  status: 'in-progress' | 'closed' | 'withdrawn' | 'not-eligible';
  stage: Stage;
  outcome: Outcome | null;
}

export function expectedReferrerView(journey: ExpectedJourney): ExpectedReferrerView {
  const status =
    journey.ending === undefined
      ? 'in-progress'
      : journey.ending === 'withdrawn' || journey.ending === 'not-eligible'
        ? journey.ending
        : 'closed';
  return { status, stage: journey.stage, outcome: journey.outcomes.at(-1) ?? null };
}
