import { describe, expect, it } from 'vitest';
import { stages, supportSteps, type MilestoneCode, type Stage } from '@ladder/vocabulary';
import type { RecordedMilestone } from '@ladder/workflow-contracts';
import { supportOf } from './journey-support.js';

/** Milestones an hour apart, as a journey records them. */
function recorded(...steps: (MilestoneCode | [MilestoneCode, Partial<RecordedMilestone>])[]) {
  return steps.map((step, i) => {
    const [code, extra] = typeof step === 'string' ? [step, {}] : step;
    return { code, at: new Date(Date.UTC(2026, 0, 5, 9 + i)).toISOString(), ...extra };
  });
}

describe('employability support: what the query shows', () => {
  it('when nothing is recorded, then every support step is still to do', () => {
    expect(supportOf({ stage: 'employability', milestones: [] })).toEqual({
      cv: 'not-started',
      applications: [],
      mockInterviews: { held: 0, missed: 0 },
      mentoringSessions: { held: 0, missed: 0 },
      volunteeringSince: null,
      stillToDo: ['cv', 'job-application', 'mock-interview', 'mentoring-session'],
    });
  });

  const cvCases: { steps: MilestoneCode[]; cv: string; toDo: boolean }[] = [
    { steps: ['cv-drafted'], cv: 'drafted', toDo: true },
    { steps: ['cv-drafted', 'cv-reviewed'], cv: 'reviewed', toDo: true },
    { steps: ['cv-drafted', 'cv-reviewed', 'cv-ready'], cv: 'ready', toDo: false },
    // Drafted again after it was ready: it is being revised, so it is to do again.
    { steps: ['cv-ready', 'cv-drafted'], cv: 'drafted', toDo: true },
    { steps: ['cv-ready', 'mentoring-session-held'], cv: 'ready', toDo: false },
  ];
  it.each(cvCases)('when $steps are recorded, then the CV is $cv', ({ steps, cv, toDo }) => {
    const support = supportOf({ stage: 'employability', milestones: recorded(...steps) });
    expect(support.cv).toBe(cv);
    expect(support.stillToDo.includes('cv')).toBe(toDo);
  });

  it('when applications and their outcomes are recorded, then each outcome is on its application', () => {
    const support = supportOf({
      stage: 'employability',
      milestones: recorded(
        ['application-submitted', { ref: 'vacancy-1' }],
        ['application-submitted', { ref: 'vacancy-2' }],
        'application-submitted',
        ['application-outcome', { ref: 'vacancy-1', applicationOutcome: 'unsuccessful' }],
        // No ref: the latest application still waiting for an answer.
        ['application-outcome', { applicationOutcome: 'withdrawn' }],
      ),
    });
    expect(support.applications.map((a) => [a.ref, a.outcome])).toEqual([
      ['vacancy-1', 'unsuccessful'],
      ['vacancy-2', null],
      [null, 'withdrawn'],
    ]);
    expect(support.applications[0]!.outcomeAt).toBe('2026-01-05T12:00:00.000Z');
    expect(support.stillToDo).not.toContain('job-application');
  });

  it('when sessions are held and missed, then both are counted and one held is enough', () => {
    const support = supportOf({
      stage: 'placement',
      milestones: recorded(
        'mock-interview-missed',
        'mock-interview-missed',
        'mentoring-session-missed',
        'mentoring-session-held',
        'volunteering-started',
        'volunteering-started',
      ),
    });
    expect(support.mockInterviews).toEqual({ held: 0, missed: 2 });
    expect(support.mentoringSessions).toEqual({ held: 1, missed: 1 });
    expect(support.volunteeringSince).toBe('2026-01-05T13:00:00.000Z');
    expect(support.stillToDo).toEqual(['cv', 'job-application', 'mock-interview']);
  });

  const listedIn: Stage[] = ['engagement', 'training', 'employability', 'placement', 'offer'];
  it.each(stages)(
    'when the journey is in %s, then stillToDo is listed only while support matters',
    (stage) => {
      const support = supportOf({ stage, milestones: recorded('cv-ready') });
      expect(support.stillToDo).toEqual(
        listedIn.includes(stage) ? supportSteps.filter((s) => s !== 'cv') : [],
      );
      expect(support.cv).toBe('ready');
    },
  );
});
