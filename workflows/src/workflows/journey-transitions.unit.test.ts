import { describe, expect, it } from 'vitest';
import {
  milestoneCodes,
  stages,
  type MilestoneCode,
  type MilestoneRefusal,
  type Outcome,
  type Stage,
} from '@ladder/vocabulary';
import type { MilestoneReport } from '@ladder/workflow-contracts';
import { recordJourneyOutcome } from './journey-machine.js';
import {
  allChecksCleared,
  journeyIn,
  readyToStart,
  TestJourney,
  type Step,
} from './journey-machine.test-support.js';
import { allowedTransitions, milestoneRules } from './journey-transitions.js';

/** Every detail a report can carry, so that only the stage and what happened decide. */
const fullReport: Partial<MilestoneReport> = {
  ref: 'course-1',
  check: 'identity',
  checkStatus: 'in-progress',
  checkOwner: 'employer',
  dueAt: '2026-03-01T00:00:00.000Z',
  weeks: 13,
};

// The specification, written out by hand rather than read from the table it checks.
const anyOpenStage: MilestoneCode[] = [
  'acknowledged',
  'first-contact',
  'mentor-assigned',
  'action-plan-agreed',
  'training-place-requested',
  'training-waitlisted',
  'training-seat-offered',
  'training-seat-offer-lapsed',
  'training-enrolled',
  'mentoring-session-held',
  'mentoring-session-missed',
];
const onACourse: MilestoneCode[] = [
  'training-session-recorded',
  'training-at-risk',
  'training-completed',
  'training-withdrawn',
];
const jobSearch: MilestoneCode[] = [
  'cv-drafted',
  'cv-reviewed',
  'cv-ready',
  'application-submitted',
  'mock-interview-held',
  'mock-interview-missed',
  'volunteering-started',
  'interview-scheduled',
  'interview-held',
  'interview-missed',
];
const placementSteps: MilestoneCode[] = [
  'placement-proposed',
  'placement-matched',
  'placement-confirmed',
  'placement-declined',
  'placement-started',
  'placement-completed',
  'placement-ended-early',
];
const fe = 'progressed-to-further-education';
const checkCodes: MilestoneCode[] = ['check-updated', 'check-cleared', 'check-failed'];

const accepted: Record<Stage, MilestoneCode[]> = {
  referral: [],
  engagement: [...anyOpenStage, fe],
  training: [
    ...anyOpenStage,
    ...onACourse,
    fe,
    ...jobSearch,
    'placement-proposed',
    'placement-matched',
    'offer-made',
  ],
  employability: [
    ...anyOpenStage,
    fe,
    ...jobSearch,
    'placement-proposed',
    'placement-matched',
    'offer-made',
  ],
  placement: [
    ...anyOpenStage,
    fe,
    ...jobSearch,
    'placement-proposed',
    'placement-matched',
    'placement-confirmed',
    'placement-declined',
    'placement-ended-early',
    'offer-made',
  ],
  offer: [
    ...anyOpenStage,
    fe,
    ...jobSearch,
    'offer-accepted',
    'offer-declined',
    'offer-expired',
    'offer-withdrawn',
  ],
  'pre-employment-checks': [...anyOpenStage, 'offer-declined', 'offer-withdrawn', ...checkCodes],
  'in-work': [...anyOpenStage, 'sustainment-due', 'sustainment-confirmed', 'left-post'],
  closed: [],
};
/** Refused because the step no longer fits; every other refusal (before closed) is a missing step. */
const noLongerFits: Partial<Record<Stage, MilestoneCode[]>> = {
  offer: [...placementSteps, 'offer-made'],
  'pre-employment-checks': [
    fe,
    ...jobSearch,
    'application-outcome',
    ...placementSteps,
    'offer-made',
    'offer-accepted',
    'offer-expired',
  ],
  'in-work': [
    fe,
    ...jobSearch,
    'application-outcome',
    ...placementSteps,
    'offer-made',
    'offer-accepted',
    'offer-declined',
    'offer-expired',
    'offer-withdrawn',
    ...checkCodes,
    'offer-made-unconditional',
    'start-date-agreed',
    'started-in-post',
  ],
};

function expectedAnswer(stage: Stage, code: MilestoneCode): 'applied' | MilestoneRefusal {
  if (stage === 'closed') return 'journey-ended';
  if (accepted[stage].includes(code)) return 'applied';
  return noLongerFits[stage]?.includes(code) ? 'not-allowed-in-stage' : 'missing-prerequisite';
}

describe('the journey state machine: every milestone in every stage', () => {
  const cases = stages.flatMap((stage) =>
    milestoneCodes.map((code) => ({ stage, code, answer: expectedAnswer(stage, code) })),
  );

  it.each(cases)(
    'when $code is reported in $stage, then it is $answer',
    ({ stage, code, answer }) => {
      const journey = journeyIn(stage);
      const before = structuredClone(journey.state);
      const effects = journey.apply(code, fullReport);
      expect(effects.refusal ?? effects.status).toBe(answer);
      if (answer === 'applied') return;
      // A refusal is recorded with its reason and changes nothing else.
      const { refusals, seenEventIds, ...rest } = journey.state;
      const { refusals: _r, seenEventIds: _s, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
      expect(refusals.at(-1)).toMatchObject({ code, stage, reason: answer });
      expect(seenEventIds).toHaveLength(before.seenEventIds.length + 1);
    },
  );

  it('when the table is read, then every move a milestone can make is an allowed transition', () => {
    for (const code of milestoneCodes)
      for (const stage of milestoneRules[code].allowedIn) {
        const journey = journeyIn(stage);
        const effects = journey.apply(code, { ...fullReport, checkStatus: 'failed' });
        for (const move of effects.moves) expect(allowedTransitions[move.from]).toContain(move.to);
      }
  });
});

interface TransitionCase {
  from: Stage;
  steps: Step[];
  to: Stage;
  outcome?: Outcome;
}
const transitions: TransitionCase[] = [
  { from: 'engagement', steps: [['action-plan-agreed']], to: 'employability' },
  { from: 'engagement', steps: [['training-enrolled', { ref: 'c' }]], to: 'training' },
  { from: 'engagement', steps: [[fe]], to: 'closed', outcome: 'further-education' },
  { from: 'training', steps: [['training-completed', { ref: 'course-1' }]], to: 'employability' },
  { from: 'training', steps: [['training-withdrawn', { ref: 'course-1' }]], to: 'employability' },
  {
    from: 'training',
    steps: [
      ['training-enrolled', { ref: 'course-2' }],
      ['training-completed', { ref: 'course-1' }],
    ],
    to: 'training',
  },
  {
    from: 'training',
    steps: [
      ['training-enrolled', { ref: 'course-2' }],
      ['training-completed', { ref: 'course-1' }],
      ['training-withdrawn', { ref: 'course-2' }],
    ],
    to: 'employability',
  },
  { from: 'training', steps: [['placement-proposed']], to: 'placement' },
  { from: 'training', steps: [['offer-made']], to: 'offer' },
  { from: 'training', steps: [[fe]], to: 'closed', outcome: 'further-education' },
  { from: 'employability', steps: [['training-enrolled', { ref: 'c' }]], to: 'training' },
  { from: 'employability', steps: [['placement-proposed']], to: 'placement' },
  { from: 'employability', steps: [['placement-matched']], to: 'placement' },
  { from: 'employability', steps: [['offer-made']], to: 'offer' },
  { from: 'placement', steps: [['placement-declined']], to: 'employability' },
  {
    from: 'placement',
    steps: [['placement-confirmed'], ['placement-started'], ['placement-ended-early']],
    to: 'employability',
  },
  {
    from: 'placement',
    steps: [['placement-confirmed'], ['placement-started'], ['placement-completed']],
    to: 'placement',
  },
  { from: 'placement', steps: [['offer-made']], to: 'offer' },
  { from: 'offer', steps: [['offer-accepted']], to: 'pre-employment-checks' },
  { from: 'offer', steps: [['offer-declined']], to: 'employability' },
  { from: 'offer', steps: [['offer-expired']], to: 'employability' },
  { from: 'offer', steps: [['offer-withdrawn']], to: 'employability' },
  {
    from: 'pre-employment-checks',
    steps: [['check-failed', { check: 'identity' }]],
    to: 'employability',
  },
  {
    from: 'pre-employment-checks',
    steps: [['check-updated', { check: 'right-to-work', checkStatus: 'failed' }]],
    to: 'employability',
  },
  { from: 'pre-employment-checks', steps: [['offer-withdrawn']], to: 'employability' },
  { from: 'pre-employment-checks', steps: [['offer-declined']], to: 'employability' },
  { from: 'pre-employment-checks', steps: allChecksCleared, to: 'pre-employment-checks' },
  {
    from: 'pre-employment-checks',
    steps: [
      ...allChecksCleared,
      ['offer-made-unconditional'],
      ['start-date-agreed'],
      ['started-in-post'],
    ],
    to: 'in-work',
    outcome: 'hired',
  },
  { from: 'in-work', steps: [['left-post']], to: 'closed', outcome: 'not-sustained' },
];

describe('the journey state machine: each transition', () => {
  it.each(transitions.map((t) => ({ ...t, codes: t.steps.map(([c]) => c).join(', ') })))(
    'when $codes happen in $from, then the journey is in $to',
    ({ from, steps, to, outcome }) => {
      const journey = journeyIn(from);
      journey.applyAll(steps);
      expect(journey.state.stage).toBe(to);
      if (outcome) expect(journey.state.outcomes.map((o) => o.outcome)).toContain(outcome);
    },
  );

  it('when an eligible journey starts, then it moves from referral to engagement with its three deadlines', () => {
    const journey = new TestJourney();
    expect(journey.start().moves).toEqual([{ from: 'referral', to: 'engagement' }]);
    expect(journey.state.deadlines.map((d) => `${d.name}:${d.state}`)).toEqual([
      'acknowledge:open',
      'first-contact:open',
      'action-plan:open',
    ]);
  });

  it('when a journey starts not eligible, then it records not-eligible and closes', () => {
    const journey = new TestJourney({ ...new TestJourney().input, eligible: false });
    const effects = journey.start();
    expect(effects.outcomes.map((o) => o.outcome)).toEqual(['not-eligible']);
    expect(journey.state.stage).toBe('closed');
  });

  it.each(stages.filter((s) => s !== 'referral' && s !== 'closed'))(
    'when ops withdraw a journey in %s, then it closes and every deadline stops',
    (stage) => {
      const journey = journeyIn(stage);
      recordJourneyOutcome(journey.state, 'withdrawn', journey.now(), journey.input, 'moved-away');
      expect(journey.state.stage).toBe('closed');
      expect(journey.state.deadlines.filter((d) => d.state === 'open')).toEqual([]);
      expect(journey.apply('acknowledged').refusal).toBe('journey-ended');
    },
  );
});

describe('the journey state machine: what used to go wrong', () => {
  it('when started-in-post arrives with no offer, then it is refused and nobody is hired', () => {
    const journey = journeyIn('employability');
    expect(journey.apply('started-in-post').refusal).toBe('missing-prerequisite');
    expect(journey.state.stage).toBe('employability');
    expect(journey.state.outcomes).toEqual([]);
  });

  it('when an offer is declined and a later offer made, then the journey is at the offer again', () => {
    const journey = journeyIn('offer').applyAll([['offer-declined'], ['offer-made']]);
    expect(journey.state.stage).toBe('offer');
    expect(journey.state.deadlines.find((d) => d.name === 'offer-response')?.state).toBe('open');
  });

  it('when the participant leaves the post before 26 weeks, then the journey ends not sustained', () => {
    const journey = journeyIn('in-work');
    journey.apply('left-post', { reasonCode: 'health' });
    expect(journey.state.outcomes.map((o) => `${o.outcome}:${o.reasonCode ?? ''}`)).toEqual([
      'hired:',
      'not-sustained:health',
    ]);
    expect(journey.state.stage).toBe('closed');
  });
});

describe('the journey state machine: what the query shows', () => {
  it('when a course is at risk, then a warning shows until that course ends', () => {
    const journey = journeyIn('training').applyAll([['training-at-risk', { ref: 'course-1' }]]);
    expect(journey.state.warnings).toEqual([
      expect.objectContaining({ code: 'training-at-risk', ref: 'course-1' }),
    ]);
    journey.applyAll([['training-completed', { ref: 'course-1' }]]);
    expect(journey.state.warnings).toEqual([]);
    expect(journey.state.courses).toEqual([{ ref: 'course-1', status: 'completed' }]);
  });

  it('when a check is updated, then its status, owner and due date show; a decided check stays decided', () => {
    const journey = journeyIn('pre-employment-checks');
    journey.applyAll([
      [
        'check-updated',
        {
          check: 'criminal-record-and-barring',
          checkStatus: 'waiting-for-third-party',
          checkOwner: 'third-party',
          dueAt: '2026-02-01T00:00:00.000Z',
        },
      ],
    ]);
    expect(journey.state.checks['criminal-record-and-barring']).toEqual({
      status: 'waiting-for-third-party',
      owner: 'third-party',
      dueAt: '2026-02-01T00:00:00.000Z',
    });
    journey.applyAll([['check-cleared', { check: 'identity' }]]);
    expect(
      journey.apply('check-updated', { check: 'identity', checkStatus: 'in-progress' }).refusal,
    ).toBe('check-already-decided');
    expect(journey.apply('check-updated', { check: 'identity' }).refusal).toBe('incomplete-report');
    expect(journey.state.checks.identity.status).toBe('cleared');
  });

  it('when the checks are cleared but the offer is not unconditional, then starting in post is refused', () => {
    const journey = journeyIn('pre-employment-checks').applyAll(allChecksCleared);
    expect(journey.apply('started-in-post').refusal).toBe('missing-prerequisite');
    expect(journey.apply('start-date-agreed').refusal).toBe('missing-prerequisite');
    expect(journey.state.deadlines.find((d) => d.name === 'pre-employment-checks')?.state).toBe(
      'met',
    );
  });

  it('when a failed check sends the journey back and a new offer is accepted, then the checks start again', () => {
    const journey = journeyIn('pre-employment-checks').applyAll([
      ['check-cleared', { check: 'identity' }],
      ['check-failed', { check: 'work-health-assessment' }],
      ['offer-made'],
      ['offer-accepted'],
    ]);
    expect(journey.state.stage).toBe('pre-employment-checks');
    expect(Object.values(journey.state.checks).map((c) => c.status)).toEqual(
      Array(6).fill('not-started'),
    );
  });

  it('when a sustainment confirmation arrives before it is due, then it is kept with its weeks', () => {
    const journey = journeyIn('in-work').applyAll([['sustainment-confirmed', { weeks: 26 }]]);
    expect(journey.state.milestones.at(-1)).toMatchObject({
      code: 'sustainment-confirmed',
      weeks: 26,
    });
    expect(journey.state.stage).toBe('in-work');
    expect(journey.apply('sustainment-confirmed').refusal).toBe('incomplete-report');
  });

  it('when the journey reaches in-work, then it went through each stage only along allowed moves', () => {
    const journey = new TestJourney();
    const moves = [journey.start(), ...readyToStart.map(([c, e]) => journey.apply(c, e))].flatMap(
      (e) => e.moves,
    );
    expect(moves.map((m) => m.to)).toEqual([
      'engagement',
      'employability',
      'offer',
      'pre-employment-checks',
    ]);
  });
});
