import type { JourneyInput, JourneyState, MilestoneReport } from '@ladder/workflow-contracts';
import {
  guidanceDeadlines,
  preEmploymentChecks,
  type MilestoneCode,
  type Stage,
} from '@ladder/vocabulary';
import { applyReport, startJourney, type Effects } from './journey-machine.js';
import { initialState } from './journey-rules.js';

/**
 * Journeys for the unit tests of the state machine, driven only through its public functions.
 * Never imported by the workflow bundle (it starts at index.ts).
 */

export const testInput: JourneyInput = {
  referralId: 'referral-1',
  participantId: 'participant-1',
  programmeId: 'programme-1',
  referrerOrganisationId: 'org-1',
  eligible: true,
  deadlines: guidanceDeadlines,
  submittedAt: '2026-01-05T09:00:00.000Z',
};

export type Step = readonly [MilestoneCode, Partial<MilestoneReport>?];

/** A test journey: each report gets a fresh event id and a time an hour after the last. */
export class TestJourney {
  readonly state: JourneyState;
  private sequence = 0;

  constructor(readonly input: JourneyInput = testInput) {
    this.state = initialState(input);
  }

  now(): string {
    return new Date(Date.parse(this.input.submittedAt) + this.sequence * 3_600_000).toISOString();
  }

  start(): Effects {
    return startJourney(this.state, this.input, this.now());
  }

  report(code: MilestoneCode, extra: Partial<MilestoneReport> = {}): MilestoneReport {
    this.sequence += 1;
    return { eventId: `event-${this.sequence}`, code, occurredAt: this.now(), ...extra };
  }

  apply(code: MilestoneCode, extra?: Partial<MilestoneReport>): Effects {
    return applyReport(this.state, this.report(code, extra), this.input, this.now());
  }

  /** Applies each step and fails loudly if one is refused: routes must be valid to be useful. */
  applyAll(steps: readonly Step[]): this {
    for (const [code, extra] of steps) {
      const effects = this.apply(code, extra);
      if (effects.status !== 'applied')
        throw new Error(`${code} was ${effects.status} (${effects.refusal ?? ''})`);
    }
    return this;
  }
}

const plan: Step = ['action-plan-agreed'];
const offerAccepted: Step[] = [plan, ['offer-made'], ['offer-accepted']];
export const allChecksCleared: Step[] = preEmploymentChecks.map((check) => [
  'check-updated',
  { check, checkStatus: 'cleared', checkOwner: 'employer' },
]);
export const readyToStart: Step[] = [
  ...offerAccepted,
  ...allChecksCleared,
  ['offer-made-unconditional'],
  ['start-date-agreed'],
];

/** The shortest valid route into each stage (training: one course, `course-1`, unfinished). */
export const routeInto: Readonly<Record<Exclude<Stage, 'referral'>, readonly Step[]>> = {
  engagement: [],
  employability: [plan],
  training: [plan, ['training-enrolled', { ref: 'course-1' }]],
  placement: [plan, ['placement-proposed', { ref: 'placement-1' }]],
  offer: [plan, ['offer-made']],
  'pre-employment-checks': offerAccepted,
  'in-work': [...readyToStart, ['started-in-post']],
  closed: [plan, ['progressed-to-further-education']],
};

/** A journey started and driven into `stage` (referral: not started yet). */
export function journeyIn(stage: Stage): TestJourney {
  const journey = new TestJourney();
  if (stage === 'referral') return journey;
  journey.start();
  journey.applyAll(routeInto[stage]);
  if (journey.state.stage !== stage)
    throw new Error(`the route into ${stage} ended in ${journey.state.stage}`);
  return journey;
}
