import { describe, expect, it } from 'vitest';
import {
  milestoneCodes,
  staffMilestones,
  stages,
  type MilestoneCode,
  type MilestoneRefusal,
  type Stage,
  type StaffMilestone,
} from '@ladder/vocabulary';
import type { StaffMilestoneRecord } from '@ladder/workflow-contracts';
import { applyReport } from './journey-machine.js';
import { journeyIn, TestJourney } from './journey-machine.test-support.js';
import { staffRefusalOf, staffReport } from './journey-staff.js';

/** A well-formed record of each staff milestone, as an ops form would send it. */
const recordOf = (code: StaffMilestoneRecord['code']): StaffMilestoneRecord => ({
  code,
  recordedBy: 'staff-1',
  ...(code.startsWith('application-') ? { ref: 'application-1' } : {}),
  ...(code === 'application-outcome' ? { applicationOutcome: 'unsuccessful' as const } : {}),
});

/** Applies a staff record as the workflow's update handler does, once its validator let it through. */
function record(journey: TestJourney, r: StaffMilestoneRecord) {
  const report = staffReport(r, `staff:${journey.state.seenEventIds.length}`, journey.now());
  return applyReport(journey.state, report, journey.input, journey.now());
}

// The specification, written out by hand: where staff may record each of their milestones.
const open: Stage[] = [
  'engagement',
  'training',
  'employability',
  'placement',
  'offer',
  'pre-employment-checks',
  'in-work',
];
const seeking: Stage[] = ['training', 'employability', 'placement', 'offer'];
const acceptedIn: Record<StaffMilestone, Stage[]> = {
  acknowledged: open,
  'first-contact': open,
  'action-plan-agreed': open,
  'mentoring-session-held': open,
  'mentoring-session-missed': open,
  'cv-drafted': seeking,
  'cv-reviewed': seeking,
  'cv-ready': seeking,
  'application-submitted': seeking,
  // Needs an application first: the journeys below have none.
  'application-outcome': [],
  'mock-interview-held': seeking,
  'mock-interview-missed': seeking,
  'volunteering-started': seeking,
};

function expectedAnswer(stage: Stage, code: StaffMilestone): MilestoneRefusal | 'applied' {
  if (stage === 'closed') return 'journey-ended';
  if (acceptedIn[code].includes(stage)) return 'applied';
  // Engagement comes before looking for work: the action plan is missing. After an accepted
  // offer, support no longer fits.
  return stage === 'pre-employment-checks' || stage === 'in-work'
    ? 'not-allowed-in-stage'
    : 'missing-prerequisite';
}

describe('recordMilestone: the validator refuses what the state machine refuses', () => {
  const cases = stages
    .filter((stage) => stage !== 'referral')
    .flatMap((stage) =>
      staffMilestones.map((code) => ({ stage, code, answer: expectedAnswer(stage, code) })),
    );

  it.each(cases)(
    'when staff record $code in $stage, then the validator and the machine both say $answer',
    ({ stage, code, answer }) => {
      const journey = journeyIn(stage);
      const before = structuredClone(journey.state);
      const refusal = staffRefusalOf(journey.state, recordOf(code), journey.now(), true);
      // Asking the validator changes nothing on the journey.
      expect(journey.state).toEqual(before);
      expect(refusal ?? 'applied').toBe(answer);
      const effects = record(journey, recordOf(code));
      expect(effects.refusal ?? effects.status).toBe(answer);
    },
  );

  it('when an application outcome follows its application, then it is accepted', () => {
    const journey = journeyIn('employability');
    expect(record(journey, recordOf('application-submitted')).status).toBe('applied');
    expect(
      staffRefusalOf(journey.state, recordOf('application-outcome'), journey.now(), true),
    ).toBe(undefined);
    expect(record(journey, recordOf('application-outcome')).status).toBe('applied');
  });

  it('when staff record the action plan in engagement, then the journey moves to employability and the plan deadline is met', () => {
    const journey = journeyIn('engagement');
    const effects = record(journey, recordOf('action-plan-agreed'));
    expect(effects.moves).toEqual([{ from: 'engagement', to: 'employability' }]);
    expect(journey.state.deadlines.find((d) => d.name === 'action-plan')?.state).toBe('met');
  });

  it('when the same update is applied twice (the same id), then it is recorded once', () => {
    const journey = journeyIn('employability');
    const report = staffReport(recordOf('cv-drafted'), 'staff:update-1', journey.now());
    applyReport(journey.state, report, journey.input, journey.now());
    const second = applyReport(journey.state, report, journey.input, journey.now());
    expect(second.status).toBe('duplicate');
    expect(journey.state.milestones.filter((m) => m.code === 'cv-drafted')).toHaveLength(1);
  });
});

describe('recordMilestone: records that are wrong whatever the journey', () => {
  const fromOtherServices = milestoneCodes.filter(
    (c) => !(staffMilestones as readonly MilestoneCode[]).includes(c),
  );
  const wrong: { name: string; record: StaffMilestoneRecord; reason: MilestoneRefusal }[] = [
    ...fromOtherServices.map((code) => ({
      name: `${code} (another service reports it)`,
      record: { code, recordedBy: 'staff-1' } as unknown as StaffMilestoneRecord,
      reason: 'not-recorded-by-staff' as const,
    })),
    {
      name: 'no recordedBy',
      record: { code: 'cv-drafted' } as StaffMilestoneRecord,
      reason: 'incomplete-report',
    },
    {
      name: 'a name for recordedBy',
      record: { code: 'cv-drafted', recordedBy: 'Jane Smith' },
      reason: 'invalid-report',
    },
    {
      name: 'a note for ref',
      record: { code: 'application-submitted', recordedBy: 's', ref: 'rang her at home' },
      reason: 'invalid-report',
    },
    {
      name: 'an application outcome without an outcome',
      record: { code: 'application-outcome', recordedBy: 's' },
      reason: 'incomplete-report',
    },
    {
      name: 'an outcome on another code',
      record: { code: 'cv-ready', recordedBy: 's', applicationOutcome: 'successful' },
      reason: 'invalid-report',
    },
    {
      name: 'an outcome outside the set',
      record: {
        code: 'application-outcome',
        recordedBy: 's',
        applicationOutcome: 'hired',
      } as unknown as StaffMilestoneRecord,
      reason: 'invalid-report',
    },
  ];

  it.each(wrong)('when the record has $name, then it is refused: $reason', ({ record, reason }) => {
    const journey = journeyIn('employability');
    expect(staffRefusalOf(journey.state, record, journey.now(), true)).toBe(reason);
  });

  it('when a journey runs the rules before the state machine, then only an ended journey refuses', () => {
    const journey = new TestJourney();
    journey.state.stage = 'engagement';
    expect(staffRefusalOf(journey.state, recordOf('cv-ready'), journey.now(), false)).toBe(
      undefined,
    );
    journey.state.outcomes.push({ outcome: 'withdrawn', at: journey.now() });
    expect(staffRefusalOf(journey.state, recordOf('cv-ready'), journey.now(), false)).toBe(
      'journey-ended',
    );
  });
});
