import type {
  Deadline,
  JourneyInput,
  JourneyState,
  MilestoneReport,
} from '@ladder/workflow-contracts';
import {
  isEndingOutcome,
  preEmploymentChecks,
  type DeadlineName,
  type Outcome,
  type Party,
  type PreEmploymentCheck,
  type Stage,
} from '@ladder/vocabulary';
import { addDays, addWorkingDays } from './working-days.js';

/** Pure rules of the journey: what a stage is, what it waits for, which deadline a milestone meets. */

const seenWindow = 500;

export function initialState(input: JourneyInput): JourneyState {
  return {
    referralId: input.referralId,
    participantId: input.participantId,
    programmeId: input.programmeId,
    stage: 'referral',
    waitingFor: null,
    deadlines: [],
    milestones: [],
    checks: Object.fromEntries(preEmploymentChecks.map((c) => [c, 'pending'])) as Record<
      PreEmploymentCheck,
      'pending'
    >,
    outcomes: [],
    mentorId: null,
    seenEventIds: [],
    published: 0,
  };
}

const has = (state: JourneyState, code: string): boolean =>
  state.milestones.some((m) => m.code === code);
export const hasOutcome = (state: JourneyState, outcome: Outcome): boolean =>
  state.outcomes.some((o) => o.outcome === outcome);
export const isEnded = (state: JourneyState): boolean =>
  state.outcomes.some((o) => isEndingOutcome(o.outcome));
const allChecksCleared = (state: JourneyState): boolean =>
  preEmploymentChecks.every((c) => state.checks[c] === 'cleared');

/**
 * The stage follows from what has happened, not from the order it was reported in: a milestone
 * that arrives before an earlier one (out of order) still lands the journey where it belongs.
 */
export function stageOf(state: JourneyState, eligible: boolean): Stage {
  if (isEnded(state)) return 'closed';
  if (has(state, 'started-in-post')) return 'in-work';
  if (has(state, 'offer-accepted')) return 'pre-employment-checks';
  if (has(state, 'offer-declined')) return 'employability';
  if (has(state, 'offer-made') || has(state, 'interview-held')) return 'offer';
  if (
    ['placement-matched', 'placement-confirmed', 'placement-started', 'placement-completed'].some(
      (c) => has(state, c),
    )
  )
    return 'placement';
  if (has(state, 'training-completed')) return 'employability';
  if (has(state, 'action-plan-agreed') || has(state, 'training-enrolled')) return 'training';
  return eligible ? 'engagement' : 'referral';
}

/** What the journey waits for next, and from whom. */
export function waitingFor(state: JourneyState): { what: string; from: Party } | null {
  switch (state.stage) {
    case 'engagement':
      if (!has(state, 'acknowledged'))
        return { what: 'acknowledgement of the referral', from: 'programme-operator' };
      if (!has(state, 'first-contact'))
        return { what: 'first contact with the participant', from: 'programme-operator' };
      if (!state.mentorId && !has(state, 'mentor-assigned'))
        return { what: 'a mentor', from: 'programme-operator' };
      return { what: 'an agreed action plan', from: 'programme-operator' };
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

/** Applies a reported milestone; false if this event was seen before (a duplicate). */
export function applyMilestone(state: JourneyState, report: MilestoneReport): boolean {
  if (state.seenEventIds.includes(report.eventId)) return false;
  state.seenEventIds = [...state.seenEventIds, report.eventId].slice(-seenWindow);
  if (report.code === 'check-cleared' || report.code === 'check-failed') {
    if (!report.check) return true;
    state.checks[report.check] = report.code === 'check-cleared' ? 'cleared' : 'failed';
  }
  if (report.code === 'mentor-assigned' && report.by) state.mentorId = report.by;
  state.milestones.push({
    code: report.code,
    at: report.occurredAt,
    ...(report.check ? { check: report.check } : {}),
  });
  return true;
}

interface DeadlineRule {
  name: DeadlineName;
  waitingFor: string;
  from: Party;
  /** When it opens: the milestone that starts its clock (undefined: the referral itself). */
  opensOn?: string;
  due: (start: Date, input: JourneyInput) => Date;
  met: (state: JourneyState) => boolean;
}

export const deadlineRules: readonly DeadlineRule[] = [
  {
    name: 'acknowledge',
    waitingFor: 'acknowledgement',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.acknowledgeWorkingDays),
    met: (st) => has(st, 'acknowledged'),
  },
  {
    name: 'first-contact',
    waitingFor: 'first contact',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.firstContactWorkingDays),
    met: (st) => has(st, 'first-contact'),
  },
  {
    name: 'action-plan',
    waitingFor: 'an action plan',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.actionPlanWorkingDays),
    met: (st) => has(st, 'action-plan-agreed'),
  },
  {
    name: 'training-completion',
    waitingFor: 'completion of training',
    from: 'training-provider',
    opensOn: 'action-plan-agreed',
    due: (s, i) => addDays(s, i.deadlines.trainingCompletionDays),
    met: (st) => has(st, 'training-completed'),
  },
  {
    name: 'placement-confirmation',
    waitingFor: 'confirmation of the placement',
    from: 'employer',
    opensOn: 'placement-matched',
    due: (s, i) => addDays(s, i.deadlines.placementConfirmationDays),
    met: (st) => has(st, 'placement-confirmed'),
  },
  {
    name: 'offer-response',
    waitingFor: 'the answer to the offer',
    from: 'participant',
    opensOn: 'offer-made',
    due: (s, i) => addDays(s, i.deadlines.offerResponseDays),
    met: (st) => has(st, 'offer-accepted') || has(st, 'offer-declined'),
  },
  {
    name: 'pre-employment-checks',
    waitingFor: 'the six pre-employment checks',
    from: 'employer',
    opensOn: 'offer-accepted',
    due: (s, i) => addDays(s, i.deadlines.preEmploymentChecksDays),
    met: allChecksCleared,
  },
];

/** Opens the deadlines whose clocks have started and marks the ones met (mutates the state). */
export function refreshDeadlines(state: JourneyState, input: JourneyInput): void {
  for (const rule of deadlineRules) {
    let deadline = state.deadlines.find((d) => d.name === rule.name);
    const opener =
      rule.opensOn === undefined
        ? undefined
        : state.milestones.find((m) => m.code === rule.opensOn);
    if (!deadline && (rule.opensOn === undefined || opener)) {
      const start = opener
        ? new Date(Math.max(Date.parse(opener.at), Date.parse(input.submittedAt)))
        : new Date(input.submittedAt);
      deadline = {
        name: rule.name,
        dueAt: rule.due(start, input).toISOString(),
        waitingFor: rule.waitingFor,
        from: rule.from,
        state: 'open',
        extendedByDays: 0,
      };
      state.deadlines.push(deadline);
    }
    if (deadline && deadline.state !== 'met' && rule.met(state)) deadline.state = 'met';
  }
}

/** Deadlines still running, soonest first. */
export function pendingDeadlines(state: JourneyState): Deadline[] {
  return state.deadlines
    .filter((d) => d.state === 'open' || d.state === 'escalated')
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** After a missed deadline, ops get this long to act before the escalation itself is missed. */
export const escalationWorkingDays = 5;
