import { describe, expect, it } from 'vitest';
import { guidanceWorkExperienceFollowUpDays } from '@ladder/vocabulary';
import type { JourneyState } from '@ladder/workflow-contracts';
import { applyReport, deadlinePassedUnmet, recordJourneyOutcome } from './journey-machine.js';
import { journeyIn, testInput, TestJourney, type Step } from './journey-machine.test-support.js';

/** A work-experience placement proposed, confirmed, started and completed. */
const workExperience: Step[] = [
  ['placement-confirmed', { ref: 'placement-1', placementKind: 'work-experience' }],
  ['placement-started', { ref: 'placement-1' }],
  // The completion event lacks the kind: the journey remembers it from the confirmation.
  ['placement-completed', { ref: 'placement-1' }],
];
const followUp = (state: JourneyState) =>
  state.deadlines.find((d) => d.name === 'work-experience-follow-up');

const completedWorkExperience = (journey = journeyIn('placement')): TestJourney =>
  journey.applyAll(workExperience);
/** The clock reaches the follow-up's due time. */
const followUpPasses = (journey: TestJourney) =>
  deadlinePassedUnmet(journey.state, 'work-experience-follow-up', journey.now(), journey.input);

describe('the work-experience outcome: a completed placement with no job to follow', () => {
  it('when a work-experience placement completes, then the follow-up deadline opens for the guidance days', () => {
    const journey = completedWorkExperience();
    const completedAt = journey.state.milestones.at(-1)!.at;
    expect(followUp(journey.state)).toMatchObject({ state: 'open', from: 'programme-operator' });
    expect(Date.parse(followUp(journey.state)!.dueAt) - Date.parse(completedAt)).toBe(
      guidanceWorkExperienceFollowUpDays * 86_400_000,
    );
    expect(journey.state.outcomes).toEqual([]);
    expect(journey.state.stage).toBe('placement');
  });

  it('when the programme sets its own days, then the deadline runs that long', () => {
    const journey = new TestJourney({
      ...testInput,
      deadlines: { ...testInput.deadlines, workExperienceFollowUpDays: 10 },
    });
    journey.start();
    journey.applyAll([['action-plan-agreed'], ['placement-proposed', { ref: 'placement-1' }]]);
    completedWorkExperience(journey);
    const completedAt = journey.state.milestones.at(-1)!.at;
    expect(Date.parse(followUp(journey.state)!.dueAt) - Date.parse(completedAt)).toBe(
      10 * 86_400_000,
    );
  });

  it.each(['shadowing', 'work-placement'] as const)(
    'when a %s placement completes, then no follow-up deadline opens',
    (placementKind) => {
      const journey = journeyIn('placement').applyAll([
        ['placement-confirmed', { ref: 'placement-1', placementKind }],
        ['placement-started', { ref: 'placement-1' }],
        ['placement-completed', { ref: 'placement-1' }],
      ]);
      expect(followUp(journey.state)).toBeUndefined();
    },
  );

  it('when the follow-up passes with nothing done, then the journey ends with work-experience, once', () => {
    const journey = completedWorkExperience();
    const effects = followUpPasses(journey);
    expect(effects.outcomes.map((o) => o.outcome)).toEqual(['work-experience']);
    expect(effects.moves).toEqual([{ from: 'placement', to: 'closed' }]);
    expect(followUp(journey.state)?.state).toBe('missed');
    const again = followUpPasses(journey);
    expect(again.outcomes).toEqual([]);
    expect(journey.state.outcomes.map((o) => o.outcome)).toEqual(['work-experience']);
  });

  const jobSteps: Step[] = [
    ['application-submitted', { ref: 'vacancy-1' }],
    ['interview-scheduled', { ref: 'interview-1' }],
    ['interview-held', { ref: 'interview-1' }],
    ['offer-made', { ref: 'offer-1' }],
    ['placement-proposed', { ref: 'placement-2' }],
    ['placement-matched', { ref: 'placement-2' }],
  ];
  it.each(jobSteps.map(([code, extra]) => ({ code, extra })))(
    'when $code follows the placement, then the follow-up is met and its passing records nothing',
    ({ code, extra }) => {
      const journey = completedWorkExperience();
      journey.applyAll([[code, extra]]);
      expect(followUp(journey.state)?.state).toBe('met');
      const effects = followUpPasses(journey);
      expect(effects.outcomes).toEqual([]);
      expect(journey.state.outcomes).toEqual([]);
    },
  );

  it('when ops recorded work experience by hand first, then the deadline stops and nothing is recorded twice', () => {
    const journey = completedWorkExperience();
    recordJourneyOutcome(journey.state, 'work-experience', journey.now(), journey.input);
    expect(followUp(journey.state)?.state).toBe('cancelled');
    followUpPasses(journey);
    expect(journey.state.outcomes.map((o) => o.outcome)).toEqual(['work-experience']);
  });

  it('when the placement ends early after all, then the journey goes back and the follow-up stops', () => {
    const journey = completedWorkExperience().applyAll([['placement-ended-early']]);
    expect(journey.state.stage).toBe('employability');
    expect(followUp(journey.state)?.state).toBe('cancelled');
  });

  it('when the patch is not in force (a journey replaying an older step), then no deadline opens', () => {
    const journey = journeyIn('placement');
    let asked = 0;
    const patches = {
      workExperienceFollowUp: () => {
        asked += 1;
        return false;
      },
    };
    for (const [code, extra] of workExperience)
      applyReport(
        journey.state,
        journey.report(code, extra),
        journey.input,
        journey.now(),
        patches,
      );
    expect(followUp(journey.state)).toBeUndefined();
    // Asked only about the completion, so that other steps leave no patch marker behind.
    expect(asked).toBe(1);
  });
});
