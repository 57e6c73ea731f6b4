import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOwners,
  checkStatuses,
  isEndingOutcome,
  milestoneCodes,
  preEmploymentChecks,
  sustainmentWeeks,
  type MilestoneCode,
  type Outcome,
} from '@ladder/vocabulary';
import type { JourneyState, MilestoneReport } from '@ladder/workflow-contracts';
import { deadlineTerms, pendingDeadlines } from './journey-deadlines.js';
import {
  applyReport,
  deadlinePassedUnmet,
  recordJourneyOutcome,
  type Effects,
} from './journey-machine.js';
import { TestJourney, testInput } from './journey-machine.test-support.js';
import { nextSustainment } from './journey-rules.js';
import { allowedTransitions, hasUnfinishedCourse, milestoneRules } from './journey-transitions.js';

/**
 * Properties of the state machine over random histories. Most steps pick a milestone the current
 * stage accepts (so journeys get far), some pick any milestone at all, some resend an earlier
 * report, and ops outcomes and the sustainment clock are mixed in.
 */

const report = fc.record({
  pick: fc.nat(),
  anyCode: fc.boolean(),
  ref: fc.constantFrom('course-1', 'course-2', undefined),
  check: fc.constantFrom(...preEmploymentChecks, undefined),
  checkStatus: fc.constantFrom(...checkStatuses, 'cleared', 'cleared', undefined),
  checkOwner: fc.constantFrom(...checkOwners, undefined),
  weeks: fc.constantFrom(...sustainmentWeeks, undefined),
  dueAt: fc.constantFrom('2026-09-01T00:00:00.000Z', undefined),
  placementKind: fc.constantFrom('work-experience', 'shadowing', undefined),
});
const action = fc.oneof(
  { weight: 10, arbitrary: report.map((r) => ({ kind: 'report' as const, ...r })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'resend' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<Outcome>('withdrawn', 'work-experience', 'volunteering', 'disengaged')
      .map((outcome) => ({ kind: 'ops' as const, outcome })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'clock' as const }) },
  { weight: 14, arbitrary: fc.constant({ kind: 'towards-work' as const }) },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** In work, from the employer: asked at 13 weeks, confirmed, asked at 26, confirmed (or left). */
const sustainmentSteps: [MilestoneCode, Partial<MilestoneReport>][] = [
  ['sustainment-due', { weeks: 13, dueAt: '2026-09-01T00:00:00.000Z' }],
  ['sustainment-confirmed', { weeks: 13 }],
  ['sustainment-due', { weeks: 26, dueAt: '2026-12-01T00:00:00.000Z' }],
  ['sustainment-confirmed', { weeks: 26 }],
];

/** The next step on the way to a job (and out of it), so that random journeys get that far. */
function towardsWork(state: JourneyState): [MilestoneCode, Partial<MilestoneReport>?] {
  const uncleared = preEmploymentChecks.find((c) => state.checks[c].status !== 'cleared');
  const since = (code: MilestoneCode) =>
    state.milestones.slice(state.stageSince).some((m) => m.code === code);
  switch (state.stage) {
    case 'engagement':
      return ['action-plan-agreed'];
    case 'training':
      return [
        'training-completed',
        { ref: state.courses.find((c) => c.status === 'enrolled')?.ref },
      ];
    case 'pre-employment-checks':
      if (uncleared) return ['check-cleared', { check: uncleared }];
      if (!since('offer-made-unconditional')) return ['offer-made-unconditional'];
      return since('start-date-agreed') ? ['started-in-post'] : ['start-date-agreed'];
    case 'offer':
      return ['offer-accepted'];
    case 'placement':
      // Through a work-experience placement to its end, so the follow-up deadline is reached.
      if (!since('placement-confirmed')) return ['placement-confirmed'];
      if (!since('placement-started')) return ['placement-started'];
      if (!since('placement-completed'))
        return ['placement-completed', { placementKind: 'work-experience' }];
      return ['offer-made'];
    case 'in-work':
      if (state.sustainmentRules !== 'from-employer') return ['left-post'];
      return sustainmentSteps[state.milestones.slice(state.stageSince).length % 5] ?? ['left-post'];
    default:
      return ['offer-made'];
  }
}

/** Runs one action, returning what changed and the state just before it. */
function run(journey: TestJourney, sent: MilestoneReport[], step: Action): Effects {
  const { state, input } = journey;
  switch (step.kind) {
    case 'report': {
      const fitting = milestoneCodes.filter((c) =>
        milestoneRules[c].allowedIn.includes(state.stage),
      );
      const pool: readonly MilestoneCode[] =
        step.anyCode || fitting.length === 0 ? milestoneCodes : fitting;
      const code = pool[step.pick % pool.length]!;
      const { pick: _p, anyCode: _a, kind: _k, ...details } = step;
      const sending = journey.report(code, withoutUndefined(details));
      sent.push(sending);
      return applyReport(state, sending, input, journey.now());
    }
    case 'resend': {
      const earlier = sent[step.pick % Math.max(1, sent.length)];
      return earlier
        ? applyReport(state, earlier, input, journey.now())
        : { status: 'duplicate', moves: [], outcomes: [] };
    }
    case 'ops':
      return recordJourneyOutcome(state, step.outcome, journey.now(), input);
    case 'towards-work': {
      const [code, details = {}] = towardsWork(state);
      const sending = journey.report(code, withoutUndefined(details));
      sent.push(sending);
      return applyReport(state, sending, input, journey.now());
    }
    case 'clock': {
      // The clock reaches whichever comes first: the work-experience follow-up or a sustainment mark.
      if (pendingDeadlines(state).some((d) => d.name === 'work-experience-follow-up'))
        return deadlinePassedUnmet(state, 'work-experience-follow-up', journey.now(), input);
      const due = nextSustainment(state);
      return due && state.stage === 'in-work'
        ? recordJourneyOutcome(state, due.outcome, new Date(due.at).toISOString(), input)
        : { status: 'applied', moves: [], outcomes: [] };
    }
  }
}

// Long histories: the default size keeps arrays short, and a job is a dozen steps away.
const journeys = fc.array(action, { minLength: 1, maxLength: 80, size: 'max' });

/** A journey on either sustainment rule: the clock's, or the employer's confirmations. */
function newJourney(fromEmployer: boolean): TestJourney {
  const journey = new TestJourney(testInput);
  if (fromEmployer) journey.state.sustainmentRules = 'from-employer';
  journey.start();
  return journey;
}

function forEveryStep(
  check: (
    before: JourneyState,
    after: JourneyState,
    effects: Effects,
    sent: MilestoneReport[],
  ) => void,
) {
  fc.assert(
    fc.property(fc.boolean(), journeys, (fromEmployer, actions) => {
      const journey = newJourney(fromEmployer);
      const sent: MilestoneReport[] = [];
      for (const step of actions) {
        const before = structuredClone(journey.state);
        const effects = run(journey, sent, step);
        check(before, journey.state, effects, sent);
      }
    }),
    { numRuns: 150 },
  );
}

// Two rule sets of random histories per property: more than the default test time on a busy machine.
describe('the journey state machine, over random histories', { timeout: 60_000 }, () => {
  it('when anything happens, then the stage moves only along allowed transitions', () => {
    forEveryStep((before, after, effects) => {
      let stage = before.stage;
      for (const move of effects.moves) {
        expect(move.from).toBe(stage);
        expect(allowedTransitions[move.from]).toContain(move.to);
        stage = move.to;
      }
      expect(after.stage).toBe(stage);
    });
  });

  it('when a milestone is refused or resent, then nothing but the refusal record changes', () => {
    forEveryStep((before, after, effects) => {
      if (effects.status === 'applied') return;
      expect(after.stage).toBe(before.stage);
      expect(after.outcomes).toEqual(before.outcomes);
      expect(after.milestones).toEqual(before.milestones);
      expect(after.deadlines).toEqual(before.deadlines);
      if (effects.status === 'refused') expect(after.refusals.at(-1)?.reason).toBe(effects.refusal);
    });
  });

  it('when anything happens, then each outcome is recorded at most once and at most one ends the journey', () => {
    forEveryStep((_before, after) => {
      const recorded = after.outcomes.map((o) => o.outcome);
      expect(new Set(recorded).size).toBe(recorded.length);
      expect(recorded.filter(isEndingOutcome).length).toBeLessThanOrEqual(1);
    });
  });

  it('when a journey has ended, then it stays closed and nothing more is recorded', () => {
    forEveryStep((before, after, effects) => {
      const ended = before.outcomes.some((o) => isEndingOutcome(o.outcome));
      expect(after.stage === 'closed').toBe(after.outcomes.some((o) => isEndingOutcome(o.outcome)));
      if (!ended) return;
      expect(after.stage).toBe('closed');
      expect(after.outcomes).toEqual(before.outcomes);
      expect(after.milestones).toEqual(before.milestones);
      expect(effects.moves).toEqual([]);
      if (effects.status === 'refused') expect(effects.refusal).toBe('journey-ended');
    });
  });

  it('when anything happens, then every running deadline belongs to the current stage', () => {
    forEveryStep((_before, after) => {
      for (const deadline of pendingDeadlines(after))
        expect(deadlineTerms[deadline.name].stage).toBe(after.stage);
    });
  });

  it('when sustainment comes from the employer, then a sustained outcome is recorded only by a confirmation of at least those weeks', () => {
    forEveryStep((before, after, effects, sent) => {
      if (after.sustainmentRules !== 'from-employer') return;
      const confirmed = effects.status === 'applied' ? sent.at(-1) : undefined;
      for (const { outcome } of effects.outcomes) {
        if (outcome !== 'sustained-13-weeks' && outcome !== 'sustained-26-weeks') continue;
        expect(confirmed?.code).toBe('sustainment-confirmed');
        expect(confirmed?.weeks).toBeGreaterThanOrEqual(outcome === 'sustained-13-weeks' ? 13 : 26);
        expect(before.stage).toBe('in-work');
      }
    });
  });

  it('when the clock records work experience, then a work-experience placement was completed and no job step followed it', () => {
    const jobSteps: MilestoneCode[] = [
      'application-submitted',
      'interview-scheduled',
      'interview-held',
      'offer-made',
      'placement-proposed',
      'placement-matched',
    ];
    forEveryStep((before, after, effects) => {
      if (!effects.outcomes.some((o) => o.outcome === 'work-experience')) return;
      // From the clock, the follow-up was running and is missed now; else ops recorded it.
      const followUp = (s: JourneyState) =>
        s.deadlines.find((d) => d.name === 'work-experience-follow-up')?.state;
      if (followUp(after) !== 'missed' || followUp(before) === 'missed') return;
      const completed = before.milestones.findLastIndex(
        (m) => m.code === 'placement-completed' && m.placementKind === 'work-experience',
      );
      expect(completed).toBeGreaterThanOrEqual(0);
      const since = before.milestones.slice(completed + 1).map((m) => m.code);
      expect(since.filter((c) => jobSteps.includes(c as MilestoneCode))).toEqual([]);
      expect(after.stage).toBe('closed');
    });
  });

  it('when the journey is in training, then a course is unfinished; when hired, the start in post was accepted', () => {
    forEveryStep((_before, after) => {
      if (after.stage === 'training') expect(hasUnfinishedCourse(after)).toBe(true);
      if (after.outcomes.some((o) => o.outcome === 'hired'))
        expect(after.milestones.some((m) => m.code === 'started-in-post')).toBe(true);
    });
  });
});

describe('the random histories themselves', () => {
  it('when many are generated, then they reach every stage and every way a job ends', () => {
    const stagesSeen = new Set<string>();
    const outcomesSeen = new Set<string>();
    for (const [index, actions] of fc.sample(journeys, { numRuns: 400, seed: 7 }).entries()) {
      const journey = newJourney(index % 2 === 1);
      const sent: MilestoneReport[] = [];
      for (const step of actions) {
        run(journey, sent, step);
        stagesSeen.add(journey.state.stage);
      }
      for (const o of journey.state.outcomes) outcomesSeen.add(o.outcome);
      if (
        journey.state.deadlines.some(
          (d) => d.name === 'work-experience-follow-up' && d.state === 'missed',
        )
      )
        outcomesSeen.add('work-experience-from-the-clock');
    }
    expect([...stagesSeen].sort()).toEqual([
      'closed',
      'employability',
      'engagement',
      'in-work',
      'offer',
      'placement',
      'pre-employment-checks',
      'training',
    ]);
    expect([...outcomesSeen]).toEqual(
      expect.arrayContaining([
        'hired',
        'sustained-13-weeks',
        'sustained-26-weeks',
        'not-sustained',
        'further-education',
        'work-experience-from-the-clock',
      ]),
    );
  });
});

describe('the action plan, due after the first meeting', () => {
  const firstMeetingRules = (): TestJourney => {
    const journey = new TestJourney({ ...testInput, bankHolidays: ['2026-01-19'] });
    journey.state.deadlineRules = 'from-first-meeting';
    journey.start();
    return journey;
  };
  const actionPlan = (state: JourneyState) => state.deadlines.find((d) => d.name === 'action-plan');

  it('when the journey starts, then acknowledgement and first contact run, and the action plan does not yet', () => {
    const journey = firstMeetingRules();
    expect(journey.state.deadlines.map((d) => d.name).sort()).toEqual([
      'acknowledge',
      'first-contact',
    ]);
  });

  it('when the first contact is recorded, then the action plan is due 20 working days after it, skipping bank holidays', () => {
    const journey = firstMeetingRules();
    journey.apply('acknowledged');
    const contact = journey.report('first-contact');
    applyReport(journey.state, contact, journey.input, journey.now());
    // Monday 5 January 2026 plus 20 working days is 2 February; the holiday on 19 January
    // moves it to 3 February.
    expect(contact.occurredAt.slice(0, 10)).toBe('2026-01-05');
    expect(actionPlan(journey.state)).toMatchObject({ state: 'open' });
    expect(actionPlan(journey.state)!.dueAt.slice(0, 10)).toBe('2026-02-03');
  });

  it('when a journey follows the earlier rule, then the action plan runs from the referral', () => {
    const journey = new TestJourney();
    journey.start();
    expect(actionPlan(journey.state)!.dueAt.slice(0, 10)).toBe('2026-02-02');
  });
});
