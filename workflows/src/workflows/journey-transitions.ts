import {
  preEmploymentChecks,
  stages,
  type MilestoneCode,
  type MilestoneRefusal,
  type Outcome,
  type Stage,
  type SustainmentWeeks,
} from '@ladder/vocabulary';
import type { JourneyState, MilestoneReport } from '@ladder/workflow-contracts';
import { isEnded } from './journey-rules.js';

/**
 * The journey's state machine as data: where a journey may go from each stage, and for every
 * milestone the stages that accept it, what must have happened first, where it moves the journey
 * and which outcome it records. Pure; `journey-machine.ts` applies it.
 */

/** Every move a journey may make. Re-entry is a move back to employability support. */
export const allowedTransitions: Readonly<Record<Stage, readonly Stage[]>> = {
  referral: ['engagement', 'closed'],
  engagement: ['employability', 'training', 'closed'],
  training: ['employability', 'placement', 'offer', 'closed'],
  employability: ['training', 'placement', 'offer', 'closed'],
  placement: ['employability', 'offer', 'closed'],
  offer: ['pre-employment-checks', 'employability', 'closed'],
  'pre-employment-checks': ['in-work', 'employability', 'closed'],
  'in-work': ['closed'],
  closed: [],
};

export interface MilestoneRule {
  /** The stages that accept the milestone; in any other it is refused. */
  allowedIn: readonly Stage[];
  /** Checked once the stage allows it: what is missing or wrong (undefined: nothing). */
  refuse?: (state: JourneyState, report: MilestoneReport) => MilestoneRefusal | undefined;
  /** Where the journey goes once the milestone is applied (undefined or the same stage: stays). */
  to?: (state: JourneyState, report: MilestoneReport) => Stage | undefined;
  /** The outcome the milestone records. */
  outcome?: Outcome;
  /** Outcomes that depend on the report and on which rules run the journey, in order. */
  outcomesOf?: (state: JourneyState, report: MilestoneReport) => readonly Outcome[];
}

const open: readonly Stage[] = [
  'engagement',
  'training',
  'employability',
  'placement',
  'offer',
  'pre-employment-checks',
  'in-work',
];
/** Looking for work: support, applications and interviews go on alongside training and placements. */
const seeking: readonly Stage[] = ['training', 'employability', 'placement', 'offer'];
/** Where a placement or an offer can come from (training: its completion may not have arrived yet). */
const beforeOffer: readonly Stage[] = ['training', 'employability', 'placement'];

/** A milestone reported since the journey entered its current stage (this visit only). */
export const sinceStageEntry = (state: JourneyState, code: MilestoneCode): boolean =>
  state.milestones.slice(state.stageSince).some((m) => m.code === code);
export const courseRef = (report: MilestoneReport): string => report.ref ?? '';
export const hasUnfinishedCourse = (state: JourneyState): boolean =>
  state.courses.some((c) => c.status === 'enrolled');
const isEnrolled = (state: JourneyState, report: MilestoneReport): boolean =>
  state.courses.some((c) => c.ref === courseRef(report) && c.status === 'enrolled');
export const allChecksCleared = (state: JourneyState): boolean =>
  preEmploymentChecks.every((c) => state.checks[c].status === 'cleared');

const needs =
  (met: (state: JourneyState, report: MilestoneReport) => boolean) =>
  (state: JourneyState, report: MilestoneReport): MilestoneRefusal | undefined =>
    met(state, report) ? undefined : 'missing-prerequisite';
const needsSinceEntry = (code: MilestoneCode) => needs((state) => sinceStageEntry(state, code));

/** The status a check milestone sets: `check-updated` says it, the older two codes imply it. */
export const checkStatusOf = (report: MilestoneReport) =>
  report.code === 'check-cleared'
    ? 'cleared'
    : report.code === 'check-failed'
      ? 'failed'
      : report.checkStatus;

const checkRule: MilestoneRule = {
  allowedIn: ['pre-employment-checks'],
  refuse: (state, report) => {
    const status = checkStatusOf(report);
    if (!report.check || !status) return 'incomplete-report';
    const current = state.checks[report.check].status;
    const decided = current === 'cleared' || current === 'failed';
    return decided && current !== status ? 'check-already-decided' : undefined;
  },
  // A failed check ends the conditional offer: back to employability support, not an ending.
  to: (_state, report) => (checkStatusOf(report) === 'failed' ? 'employability' : undefined),
};

/** True when the employer's confirmations, not the clock, record the sustained outcomes. */
export const fromEmployer = (state: JourneyState): boolean =>
  state.sustainmentRules === 'from-employer';

/** The outcomes a confirmation records: in post at 26 weeks means in post at 13 as well. */
const sustainedAt: Readonly<Record<SustainmentWeeks, readonly Outcome[]>> = {
  13: ['sustained-13-weeks'],
  26: ['sustained-13-weeks', 'sustained-26-weeks'],
};

const stays = (allowedIn: readonly Stage[]): MilestoneRule => ({ allowedIn });
const courseEnds: MilestoneRule = {
  allowedIn: open,
  refuse: needs(isEnrolled),
  // The training stage lasts while any course is unfinished and ends when each has ended.
  to: (state) =>
    state.stage === 'training' && !hasUnfinishedCourse(state) ? 'employability' : undefined,
};
const toStage =
  (stage: Stage): MilestoneRule['to'] =>
  () =>
    stage;

export const milestoneRules: Readonly<Record<MilestoneCode, MilestoneRule>> = {
  // engagement: accepted late as well (a contact reported after the plan still meets its deadline)
  acknowledged: stays(open),
  'first-contact': stays(open),
  'mentor-assigned': stays(open),
  'action-plan-agreed': {
    allowedIn: open,
    to: (state) => (state.stage === 'engagement' ? 'employability' : undefined),
  },
  // training: each enrolment is a course of its own, tracked by the report's ref
  'training-place-requested': stays(open),
  'training-waitlisted': stays(open),
  'training-seat-offered': stays(open),
  'training-seat-offer-lapsed': stays(open),
  'training-enrolled': {
    allowedIn: open,
    // A course taken alongside a placement, an offer or a job does not move the journey back.
    to: (state) =>
      state.stage === 'engagement' || state.stage === 'employability' ? 'training' : undefined,
  },
  'training-session-recorded': { allowedIn: open, refuse: needs(isEnrolled) },
  'training-at-risk': { allowedIn: open, refuse: needs(isEnrolled) },
  'training-completed': courseEnds,
  'training-withdrawn': courseEnds,
  'progressed-to-further-education': {
    allowedIn: ['engagement', ...seeking],
    outcome: 'further-education',
  },
  // employability support
  'cv-drafted': stays(seeking),
  'cv-reviewed': stays(seeking),
  'cv-ready': stays(seeking),
  'application-submitted': stays(seeking),
  'application-outcome': {
    allowedIn: seeking,
    refuse: needs((state, report) =>
      state.milestones.some(
        (m) =>
          m.code === 'application-submitted' && (report.ref === undefined || m.ref === report.ref),
      ),
    ),
  },
  'mock-interview-held': stays(seeking),
  'mock-interview-missed': stays(seeking),
  'mentoring-session-held': stays(open),
  'mentoring-session-missed': stays(open),
  'volunteering-started': stays(seeking),
  // placement
  'placement-proposed': { allowedIn: beforeOffer, to: toStage('placement') },
  'placement-matched': { allowedIn: beforeOffer, to: toStage('placement') },
  'placement-confirmed': stays(['placement']),
  'placement-declined': { allowedIn: ['placement'], to: toStage('employability') },
  'placement-started': {
    allowedIn: ['placement'],
    refuse: needsSinceEntry('placement-confirmed'),
  },
  'placement-completed': {
    allowedIn: ['placement'],
    refuse: needsSinceEntry('placement-started'),
  },
  'placement-ended-early': { allowedIn: ['placement'], to: toStage('employability') },
  // interviews and the offer
  'interview-scheduled': stays(seeking),
  'interview-held': stays(seeking),
  'interview-missed': stays(seeking),
  'offer-made': { allowedIn: beforeOffer, to: toStage('offer') },
  'offer-accepted': { allowedIn: ['offer'], to: toStage('pre-employment-checks') },
  'offer-declined': {
    allowedIn: ['offer', 'pre-employment-checks'],
    to: toStage('employability'),
  },
  'offer-expired': { allowedIn: ['offer'], to: toStage('employability') },
  'offer-withdrawn': {
    allowedIn: ['offer', 'pre-employment-checks'],
    to: toStage('employability'),
  },
  // pre-employment checks: all six cleared, then unconditional, a start date, the first day
  'check-updated': checkRule,
  'check-cleared': checkRule,
  'check-failed': checkRule,
  'offer-made-unconditional': {
    allowedIn: ['pre-employment-checks'],
    refuse: needs(allChecksCleared),
  },
  'start-date-agreed': {
    allowedIn: ['pre-employment-checks'],
    refuse: needsSinceEntry('offer-made-unconditional'),
  },
  'started-in-post': {
    allowedIn: ['pre-employment-checks'],
    refuse: needsSinceEntry('start-date-agreed'),
    to: toStage('in-work'),
    outcome: 'hired',
  },
  // in work
  'sustainment-due': {
    allowedIn: ['in-work'],
    // From the employer: the journey chases the answer, so it must know when it is due.
    refuse: (state, report) =>
      report.weeks && (report.dueAt || !fromEmployer(state)) ? undefined : 'incomplete-report',
  },
  'sustainment-confirmed': {
    allowedIn: ['in-work'],
    refuse: (_state, report) => (report.weeks ? undefined : 'incomplete-report'),
    outcomesOf: (state, report) =>
      fromEmployer(state) && report.weeks ? sustainedAt[report.weeks] : [],
  },
  // Leaving before 26 weeks (after 26 the journey has ended) means the job did not last.
  'left-post': { allowedIn: ['in-work'], outcome: 'not-sustained' },
};

/**
 * Why a milestone cannot be applied now, or undefined if it can. A stage that comes before every
 * stage accepting the milestone means a step is missing (an offer accepted with no offer made);
 * a stage after them means the step no longer fits (an offer accepted while in work).
 */
export function refusalOf(
  state: JourneyState,
  report: MilestoneReport,
): MilestoneRefusal | undefined {
  if (state.stage === 'closed' || isEnded(state)) return 'journey-ended';
  const rule = milestoneRules[report.code];
  if (!rule.allowedIn.includes(state.stage)) {
    const earliest = Math.min(...rule.allowedIn.map((s) => stages.indexOf(s)));
    return stages.indexOf(state.stage) < earliest ? 'missing-prerequisite' : 'not-allowed-in-stage';
  }
  return rule.refuse?.(state, report);
}
