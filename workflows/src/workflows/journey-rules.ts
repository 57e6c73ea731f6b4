import type {
  CheckProgress,
  JourneyInput,
  JourneyState,
  MilestoneReport,
} from '@ladder/workflow-contracts';
import {
  isEndingOutcome,
  preEmploymentChecks,
  type MilestoneCode,
  type Outcome,
  type PreEmploymentCheck,
} from '@ladder/vocabulary';
import { noSupport } from './journey-support.js';
import { addDays } from './working-days.js';

/** Pure rules every journey shares, whichever rules (derived or state machine) run it. */

const seenWindow = 500;

const notStarted = (): CheckProgress => ({ status: 'not-started', owner: null, dueAt: null });

export function initialState(input: JourneyInput): JourneyState {
  return {
    referralId: input.referralId,
    participantId: input.participantId,
    programmeId: input.programmeId,
    stage: 'referral',
    waitingFor: null,
    deadlines: [],
    milestones: [],
    checks: freshChecks(),
    outcomes: [],
    mentorId: null,
    support: noSupport(),
    seenEventIds: [],
    published: 0,
    refusals: [],
    warnings: [],
    courses: [],
    stageSince: 0,
  };
}

export const freshChecks = (): Record<PreEmploymentCheck, CheckProgress> =>
  Object.fromEntries(preEmploymentChecks.map((c) => [c, notStarted()])) as Record<
    PreEmploymentCheck,
    CheckProgress
  >;

/**
 * A state carried across continue-as-new by a run of older code: the fields added since are
 * filled in, and checks kept as a bare 'pending' | 'cleared' | 'failed' take the current shape.
 */
export function upgradeCarried(carried: JourneyState): JourneyState {
  const checks = freshChecks();
  for (const check of preEmploymentChecks) {
    const old = carried.checks[check] as CheckProgress | string | undefined;
    if (typeof old === 'object') checks[check] = old;
    else if (old === 'cleared' || old === 'failed')
      checks[check] = { ...notStarted(), status: old };
  }
  return {
    ...carried,
    checks,
    refusals: carried.refusals ?? [],
    warnings: carried.warnings ?? [],
    courses: carried.courses ?? [],
    support: carried.support ?? noSupport(),
    stageSince: carried.stageSince ?? carried.milestones.length,
  };
}

export const has = (state: JourneyState, code: MilestoneCode): boolean =>
  state.milestones.some((m) => m.code === code);
export const hasOutcome = (state: JourneyState, outcome: Outcome): boolean =>
  state.outcomes.some((o) => o.outcome === outcome);
export const isEnded = (state: JourneyState): boolean =>
  state.outcomes.some((o) => isEndingOutcome(o.outcome));

/** Records the event id; false if it was seen before (a duplicate). */
export function markSeen(state: JourneyState, report: Pick<MilestoneReport, 'eventId'>): boolean {
  if (state.seenEventIds.includes(report.eventId)) return false;
  state.seenEventIds = [...state.seenEventIds, report.eventId].slice(-seenWindow);
  return true;
}

/**
 * The next sustainment mark the clock will reach: 13, then 26 weeks after the start in post. None
 * on journeys whose sustainment comes from the employer's confirmation.
 */
export function nextSustainment(
  state: JourneyState,
): { at: number; outcome: 'sustained-13-weeks' | 'sustained-26-weeks' } | undefined {
  if (state.sustainmentRules === 'from-employer') return undefined;
  const started = state.milestones.find((m) => m.code === 'started-in-post');
  if (!started || has(state, 'left-post')) return undefined;
  for (const [weeks, outcome] of [
    [13, 'sustained-13-weeks'],
    [26, 'sustained-26-weeks'],
  ] as const) {
    if (hasOutcome(state, outcome)) continue;
    return { at: addDays(new Date(started.at), weeks * 7).getTime(), outcome };
  }
  return undefined;
}

/** After a missed deadline, ops get this long to act before the escalation itself is missed. */
export const escalationWorkingDays = 5;
