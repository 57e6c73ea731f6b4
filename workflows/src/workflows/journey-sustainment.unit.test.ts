import { describe, expect, it } from 'vitest';
import type { Outcome } from '@ladder/vocabulary';
import type { MilestoneReport } from '@ladder/workflow-contracts';
import { TestJourney, journeyIn, routeInto } from './journey-machine.test-support.js';
import { nextSustainment } from './journey-rules.js';

/** A journey in work whose sustainment comes from the employer (patch `sustainment-from-employer`). */
function inWorkFromEmployer(): TestJourney {
  const journey = new TestJourney();
  journey.state.sustainmentRules = 'from-employer';
  journey.start();
  return journey.applyAll(routeInto['in-work']);
}
const due13 = { weeks: 13, dueAt: '2026-05-01T00:00:00.000Z' } as const;
const due26 = { weeks: 26, dueAt: '2026-08-01T00:00:00.000Z' } as const;
const sustainmentDeadline = (journey: TestJourney) =>
  journey.state.deadlines.find((d) => d.name === 'sustainment-confirmation');
const outcomes = (journey: TestJourney): Outcome[] => journey.state.outcomes.map((o) => o.outcome);

describe('sustainment from the employer', () => {
  it.each<[string, [Partial<MilestoneReport>][], Outcome[]]>([
    ['a 13-week confirmation', [[{ weeks: 13 }]], ['hired', 'sustained-13-weeks']],
    [
      'the 13- then the 26-week confirmation',
      [[{ weeks: 13 }], [{ weeks: 26 }]],
      ['hired', 'sustained-13-weeks', 'sustained-26-weeks'],
    ],
    [
      'a 26-week confirmation alone (in post at 26 weeks is in post at 13)',
      [[{ weeks: 26 }]],
      ['hired', 'sustained-13-weeks', 'sustained-26-weeks'],
    ],
    ['the same weeks twice', [[{ weeks: 13 }], [{ weeks: 13 }]], ['hired', 'sustained-13-weeks']],
  ])(
    'when %s arrives, then the outcomes are those it confirms',
    (_name, confirmations, expected) => {
      const journey = inWorkFromEmployer();
      for (const [details] of confirmations) journey.apply('sustainment-confirmed', details);
      expect(outcomes(journey)).toEqual(expected);
      expect(journey.state.stage).toBe(
        expected.includes('sustained-26-weeks') ? 'closed' : 'in-work',
      );
    },
  );

  it('when sustainment comes from the employer, then the clock records nothing', () => {
    expect(nextSustainment(inWorkFromEmployer().state)).toBeUndefined();
    expect(nextSustainment(journeyIn('in-work').state)).toMatchObject({
      outcome: 'sustained-13-weeks',
    });
  });

  it('when a journey keeps the clock, then a confirmation records no outcome', () => {
    const journey = journeyIn('in-work');
    journey.apply('sustainment-confirmed', { weeks: 26 });
    expect(outcomes(journey)).toEqual(['hired']);
  });

  it('when a mark is reached, then the employer has until its due time to answer, and the answer meets it', () => {
    const journey = inWorkFromEmployer();
    journey.apply('sustainment-due', due13);
    expect(sustainmentDeadline(journey)).toMatchObject({
      dueAt: due13.dueAt,
      state: 'open',
      from: 'employer',
      waitingFor: 'confirmation of 13 weeks in post',
    });
    journey.apply('sustainment-confirmed', { weeks: 13 });
    expect(sustainmentDeadline(journey)?.state).toBe('met');
  });

  it('when the 26-week mark is reached with the 13-week answer outstanding, then the later question replaces it', () => {
    const journey = inWorkFromEmployer();
    journey.apply('sustainment-due', due13);
    journey.apply('sustainment-due', due26);
    const deadlines = journey.state.deadlines.filter((d) => d.name === 'sustainment-confirmation');
    expect(deadlines).toEqual([expect.objectContaining({ dueAt: due26.dueAt, state: 'open' })]);
    journey.apply('sustainment-confirmed', { weeks: 13 });
    expect(sustainmentDeadline(journey)?.state).toBe('open');
    journey.apply('sustainment-confirmed', { weeks: 26 });
    expect(sustainmentDeadline(journey)?.state).toBe('met');
  });

  it.each<[string, Partial<MilestoneReport>]>([
    ['no weeks', { dueAt: due13.dueAt }],
    ['no due time', { weeks: 13 }],
  ])('when a mark is reported with %s, then it is refused as incomplete', (_name, details) => {
    const journey = inWorkFromEmployer();
    expect(journey.apply('sustainment-due', details).refusal).toBe('incomplete-report');
    expect(sustainmentDeadline(journey)).toBeUndefined();
  });

  it('when the person leaves the post with an answer outstanding, then the deadline stops and the job did not last', () => {
    const journey = inWorkFromEmployer();
    journey.apply('sustainment-due', due13);
    journey.apply('left-post', { reasonCode: 'health' });
    expect(sustainmentDeadline(journey)?.state).toBe('cancelled');
    expect(outcomes(journey)).toEqual(['hired', 'not-sustained']);
  });
});

describe('placements of a kind', () => {
  it('when a placement is completed, then the journey knows its kind from the proposal by its reference', () => {
    const journey = journeyIn('employability').applyAll([
      ['placement-proposed', { ref: 'placement-1', placementKind: 'work-experience' }],
      ['placement-confirmed', { ref: 'placement-1' }],
      ['placement-started', { ref: 'placement-1' }],
      ['placement-completed', { ref: 'placement-1' }],
    ]);
    expect(journey.state.milestones.at(-1)).toMatchObject({
      code: 'placement-completed',
      placementKind: 'work-experience',
    });
    // No outcome yet: a job may still follow (see docs/journeys.md).
    expect(journey.state.stage).toBe('placement');
    expect(journey.state.outcomes).toEqual([]);
  });
});

describe('checks from the employer', () => {
  it('when a check is decided, then nobody holds its next action and nothing is due', () => {
    const journey = journeyIn('pre-employment-checks').applyAll([
      [
        'check-updated',
        {
          check: 'identity',
          checkStatus: 'waiting-for-candidate',
          checkOwner: 'participant',
          dueAt: '2026-02-01T00:00:00.000Z',
        },
      ],
      ['check-updated', { check: 'identity', checkStatus: 'cleared' }],
    ]);
    expect(journey.state.checks.identity).toEqual({ status: 'cleared', owner: null, dueAt: null });
  });
});
