import type { JourneyInput, JourneyState, MilestoneReport } from '@ladder/workflow-contracts';
import {
  deadlineNames,
  preEmploymentChecks,
  type DeadlineName,
  type MilestoneCode,
  type Party,
  type Stage,
} from '@ladder/vocabulary';
import { openDeadline } from './journey-deadlines.js';
import { has, isEnded, markSeen } from './journey-rules.js';

/**
 * The rules of journeys started before the state machine (patch `journey-state-machine`): the
 * stage is derived from the set of milestones, with no guarded transitions. Kept unchanged so
 * that those journeys replay and finish as they began; new journeys run `journey-machine.ts`.
 * Remove this module once no such journey is running (see workflows/README.md).
 */

const allChecksCleared = (state: JourneyState): boolean =>
  preEmploymentChecks.every((c) => state.checks[c].status === 'cleared');

export function derivedStageOf(state: JourneyState, eligible: boolean): Stage {
  if (isEnded(state)) return 'closed';
  if (has(state, 'started-in-post')) return 'in-work';
  if (has(state, 'offer-accepted')) return 'pre-employment-checks';
  if (has(state, 'offer-declined')) return 'employability';
  if (has(state, 'offer-made') || has(state, 'interview-held')) return 'offer';
  if (
    (
      [
        'placement-matched',
        'placement-confirmed',
        'placement-started',
        'placement-completed',
      ] as const
    ).some((c) => has(state, c))
  )
    return 'placement';
  if (has(state, 'training-completed')) return 'employability';
  if (has(state, 'action-plan-agreed') || has(state, 'training-enrolled')) return 'training';
  return eligible ? 'engagement' : 'referral';
}

/** What a journey on the derived rules waits for next, and from whom. */
export function derivedWaitingFor(state: JourneyState): { what: string; from: Party } | null {
  switch (state.stage) {
    case 'engagement':
      return engagementWaitingFor(state);
    case 'training':
      return {
        what: has(state, 'training-enrolled') ? 'completion of training' : 'enrolment on a course',
        from: 'training-provider',
      };
    case 'employability':
      return { what: 'a work placement match', from: 'programme-operator' };
    case 'placement':
      if (!has(state, 'placement-confirmed'))
        return { what: 'confirmation of the placement', from: 'employer' };
      return {
        what: has(state, 'placement-completed')
          ? 'an interview or offer'
          : 'completion of the placement',
        from: 'employer',
      };
    case 'offer':
      return { what: 'the answer to the offer', from: 'participant' };
    case 'pre-employment-checks':
      return allChecksCleared(state)
        ? { what: 'a start date', from: 'employer' }
        : { what: 'the pre-employment checks', from: 'employer' };
    default:
      return null;
  }
}

/** Engagement waits on the programme operator the same way under either rules. */
export function engagementWaitingFor(state: JourneyState): { what: string; from: Party } {
  if (!has(state, 'acknowledged'))
    return { what: 'acknowledgement of the referral', from: 'programme-operator' };
  if (!has(state, 'first-contact'))
    return { what: 'first contact with the participant', from: 'programme-operator' };
  if (!state.mentorId && !has(state, 'mentor-assigned'))
    return { what: 'a mentor', from: 'programme-operator' };
  return { what: 'an agreed action plan', from: 'programme-operator' };
}

/** Applies a reported milestone; false if this event was seen before (a duplicate). */
export function applyDerivedMilestone(state: JourneyState, report: MilestoneReport): boolean {
  if (!markSeen(state, report)) return false;
  if (report.code === 'check-cleared' || report.code === 'check-failed') {
    if (!report.check) return true;
    state.checks[report.check] = {
      ...state.checks[report.check],
      status: report.code === 'check-cleared' ? 'cleared' : 'failed',
    };
  }
  if (report.code === 'mentor-assigned' && report.by) state.mentorId = report.by;
  state.milestones.push({
    code: report.code,
    at: report.occurredAt,
    ...(report.check ? { check: report.check } : {}),
  });
  return true;
}

/**
 * When each deadline opens (undefined: with the referral) and when it is met. The derived rules
 * predate the sustainment confirmation: that deadline never opens on them.
 */
const derivedDeadlineRules: Partial<
  Record<DeadlineName, { opensOn?: MilestoneCode; met: (state: JourneyState) => boolean }>
> = {
  acknowledge: { met: (st) => has(st, 'acknowledged') },
  'first-contact': { met: (st) => has(st, 'first-contact') },
  'action-plan': { met: (st) => has(st, 'action-plan-agreed') },
  'training-completion': {
    opensOn: 'action-plan-agreed',
    met: (st) => has(st, 'training-completed'),
  },
  'placement-confirmation': {
    opensOn: 'placement-matched',
    met: (st) => has(st, 'placement-confirmed'),
  },
  'offer-response': {
    opensOn: 'offer-made',
    met: (st) => has(st, 'offer-accepted') || has(st, 'offer-declined'),
  },
  'pre-employment-checks': { opensOn: 'offer-accepted', met: allChecksCleared },
};

/** Opens the deadlines whose clocks have started and marks the ones met (mutates the state). */
export function refreshDerivedDeadlines(state: JourneyState, input: JourneyInput): void {
  for (const name of deadlineNames) {
    const rule = derivedDeadlineRules[name];
    if (!rule) continue;
    let deadline = state.deadlines.find((d) => d.name === name);
    const opener =
      rule.opensOn === undefined
        ? undefined
        : state.milestones.find((m) => m.code === rule.opensOn);
    if (!deadline && (rule.opensOn === undefined || opener)) {
      deadline = openDeadline(name, opener?.at ?? input.submittedAt, input);
      state.deadlines.push(deadline);
    }
    if (deadline && deadline.state !== 'met' && rule.met(state)) deadline.state = 'met';
  }
}
