import { describe, expect, it } from 'vitest';
import { expectedFigures, expectedJourney, expectedReferrerView } from './expected.js';
import type { PersonPlan, Step } from './plan.js';

const plan = (steps: Step[], eligible = true): PersonPlan => ({
  index: 0,
  referrer: 'org-luton-jobcentre',
  traits: { area: 'LU', age: 20, priorityGroups: ['neet'], niNumber: 'QQ000000A' },
  eligible,
  steps,
});

describe('what the simulator expects of a route', () => {
  it.each<[string, Step[], boolean, string[], string[], string]>([
    ['not eligible', [], false, ['referral', 'closed'], ['not-eligible'], 'not-eligible'],
    [
      'further education from the course',
      [{ do: 'enrol' }, { do: 'progress-to-further-education' }],
      true,
      ['referral', 'engagement', 'training', 'closed'],
      ['further-education'],
      'closed',
    ],
    [
      'a declined placement, then hired and gone before 13 weeks',
      [
        { do: 'enrol' },
        { do: 'complete-course' },
        { do: 'propose-placement' },
        { do: 'decline-placement' },
        { do: 'interview-and-offer' },
        { do: 'accept-offer' },
        { do: 'clear-checks' },
        { do: 'start-in-post' },
        { do: 'leave-post' },
      ],
      true,
      [
        'referral',
        'engagement',
        'training',
        'employability',
        'placement',
        'offer',
        'pre-employment-checks',
        'in-work',
        'closed',
      ],
      ['hired', 'not-sustained'],
      'closed',
    ],
    [
      'withdrawn by staff at engagement',
      [{ do: 'withdraw', by: 'staff' }],
      true,
      ['referral', 'engagement', 'closed'],
      ['withdrawn'],
      'withdrawn',
    ],
    [
      'still in the checks',
      [
        { do: 'enrol' },
        { do: 'complete-course' },
        { do: 'interview-and-offer' },
        { do: 'accept-offer' },
      ],
      true,
      ['referral', 'engagement', 'training', 'employability', 'offer', 'pre-employment-checks'],
      [],
      'in-progress',
    ],
  ])(
    'when the route is %s, then it expects those stages, outcomes and status',
    (_, steps, eligible, stages, outcomes, status) => {
      const journey = expectedJourney(plan(steps, eligible));
      expect([...journey.stagesReached]).toEqual(stages);
      expect(journey.outcomes).toEqual(outcomes);
      expect(expectedReferrerView(journey).status).toBe(status);
    },
  );

  it('when people are hired and sustained, then each outcome counts once per person and the funnel adds up', () => {
    const sustained = expectedJourney(
      plan([
        { do: 'enrol' },
        { do: 'complete-course' },
        { do: 'interview-and-offer' },
        { do: 'accept-offer' },
        { do: 'clear-checks' },
        { do: 'start-in-post' },
        { do: 'confirm-in-post', weeks: 13 },
        { do: 'confirm-in-post', weeks: 26 },
      ]),
    );
    const inProgress = expectedJourney(plan([{ do: 'enrol' }]));
    const figures = expectedFigures([sustained, inProgress]);
    expect(figures).toMatchObject({
      referred: 2,
      inProgress: 1,
      endings: { 'sustained-26-weeks': 1 },
      outcomes: { hired: 1, 'sustained-13-weeks': 1, 'sustained-26-weeks': 1 },
      stages: { training: 2, 'in-work': 1, closed: 1 },
    });
    expect(expectedReferrerView(sustained)).toEqual({
      status: 'closed',
      stage: 'closed',
      outcome: 'sustained-26-weeks',
    });
  });
});
