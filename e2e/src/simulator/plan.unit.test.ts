import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programmeAges, programmeAreas } from '../actors/programme-setting.js';
import { expectedFigures, expectedJourney } from './expected.js';
import { planCohort, type Step } from './plan.js';
import blmk from '../../profiles/blmk.json' with { type: 'json' };
import youngPeople from '../../profiles/young-people.json' with { type: 'json' };
import { profileSchema } from './profile.js';

const bounds = { areas: programmeAreas, ages: programmeAges };
const profiles = [blmk, youngPeople].map((p) => profileSchema.parse(p));

/** What a step needs to have happened before it, on the same visit (the journey's rules). */
const needs: Partial<Record<Step['do'], Step['do'][]>> = {
  'complete-course': ['enrol'],
  'withdraw-from-course': ['enrol'],
  'progress-to-further-education': ['enrol'],
  'decline-placement': ['propose-placement'],
  'complete-placement': ['propose-placement'],
  'decline-offer': ['interview-and-offer'],
  'accept-offer': ['interview-and-offer'],
  'fail-a-check': ['accept-offer'],
  'clear-checks': ['accept-offer'],
  'start-in-post': ['clear-checks'],
  'confirm-in-post': ['start-in-post'],
  'leave-post': ['start-in-post'],
};

describe('the cohort planner', () => {
  it('when the same seed and profile are planned twice, then the people, routes and figures are the same; another seed differs', () => {
    const [profile] = profiles;
    const once = planCohort(profile!, 42, 200, bounds);
    expect(planCohort(profile!, 42, 200, bounds)).toEqual(once);
    expect(planCohort(profile!, 43, 200, bounds)).not.toEqual(once);
    const figures = (seed: number) =>
      expectedFigures(planCohort(profile!, seed, 200, bounds).map(expectedJourney));
    expect(figures(42)).toEqual(figures(42));
  });

  it('when any cohort is planned, then everyone is referred once, counts in progress or in one ending, and every step follows what it needs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...profiles),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        (profile, seed, people) => {
          const plans = planCohort(profile, seed, people, bounds);
          const figures = expectedFigures(plans.map(expectedJourney));
          const ended = Object.values(figures.endings).reduce((a, b) => a + b, 0);
          expect(figures.referred).toBe(people);
          expect(figures.inProgress + ended).toBe(people);
          expect(figures.stages.referral).toBe(people);
          expect(new Set(plans.map((p) => p.traits.niNumber)).size).toBe(people);
          for (const plan of plans) {
            const done: Step['do'][] = [];
            for (const step of plan.steps) {
              for (const need of needs[step.do] ?? []) expect(done, step.do).toContain(need);
              done.push(step.do);
            }
            const journey = expectedJourney(plan);
            expect(journey.stagesReached.has('closed')).toBe(journey.ending !== undefined);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when people are planned outside the programme, then they are too old or live where it does not serve, and take no step', () => {
    const plans = planCohort({ ...profiles[0]!, notEligible: 1 }, 7, 50, bounds);
    for (const plan of plans) {
      expect(plan.eligible).toBe(false);
      expect(plan.steps).toEqual([]);
      const outside =
        plan.traits.age > programmeAges.max || !programmeAreas.includes(plan.traits.area);
      expect(outside).toBe(true);
    }
  });

  it('when a profile names an area the programme does not serve, then planning refuses it', () => {
    expect(() => planCohort({ ...profiles[0]!, areas: { NN: 1 } }, 1, 5, bounds)).toThrow(/NN/);
  });
});
