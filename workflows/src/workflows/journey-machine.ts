import type {
  Deadline,
  JourneyInput,
  JourneyState,
  MilestoneReport,
} from '@ladder/workflow-contracts';
import {
  deadlineNames,
  isEndingOutcome,
  preEmploymentChecks,
  type CheckOwner,
  type DeadlineName,
  type MilestoneCode,
  type MilestoneRefusal,
  type Outcome,
  type Party,
  type PlacementKind,
  type Stage,
} from '@ladder/vocabulary';
import { consentWaitingFor } from './journey-consent.js';
import { deadlineTerms, openDeadline, pendingDeadlines } from './journey-deadlines.js';
import { engagementWaitingFor } from './journey-derived-stage.js';
import { freshChecks, has, hasOutcome, isEnded, markSeen } from './journey-rules.js';
import {
  allChecksCleared,
  checkStatusOf,
  courseRef,
  fromEmployer,
  milestoneRules,
  refusalOf,
  sinceStageEntry,
} from './journey-transitions.js';

/**
 * The journey as a state machine (`journey-transitions.ts` holds the table): each function
 * applies one thing that happened to the state and says what changed, so the workflow only has
 * to publish it. Pure and deterministic: times come in as arguments.
 */

export interface StageMove {
  from: Stage;
  to: Stage;
}
export interface RecordedOutcome {
  outcome: Outcome;
  at: string;
  reasonCode?: string;
}
export interface Effects {
  status: 'applied' | 'duplicate' | 'refused';
  refusal?: MilestoneRefusal;
  moves: StageMove[];
  outcomes: RecordedOutcome[];
}

const refusalWindow = 100;
const nothing = (status: Effects['status'] = 'applied'): Effects => ({
  status,
  moves: [],
  outcomes: [],
});

/** Which milestone meets which deadline (the checks deadline is met when all six are cleared). */
const deadlineMetBy: Partial<Record<MilestoneCode, DeadlineName>> = {
  acknowledged: 'acknowledge',
  'first-contact': 'first-contact',
  'action-plan-agreed': 'action-plan',
  'training-completed': 'training-completion',
  'placement-confirmed': 'placement-confirmation',
  'offer-accepted': 'offer-response',
  'offer-declined': 'offer-response',
  // A job step after a completed work-experience placement: the placement did lead on.
  'application-submitted': 'work-experience-follow-up',
  'interview-scheduled': 'work-experience-follow-up',
  'interview-held': 'work-experience-follow-up',
  'offer-made': 'work-experience-follow-up',
  'placement-proposed': 'work-experience-follow-up',
  'placement-matched': 'work-experience-follow-up',
};

/**
 * Rules the workflow decides (by a patch, so running journeys replay as they ran), asked only
 * when a milestone they govern is applied.
 */
export interface PatchDecisions {
  /** A completed work-experience placement opens the follow-up deadline (patch `work-experience-outcome`). */
  workExperienceFollowUp: () => boolean;
}
/** The current rules, for callers that run no older journeys (the unit tests). */
export const currentPatches: PatchDecisions = { workExperienceFollowUp: () => true };

function meet(state: JourneyState, name: DeadlineName): void {
  const deadline = state.deadlines.find((d) => d.name === name);
  if (deadline && deadline.state !== 'met' && deadline.state !== 'cancelled')
    deadline.state = 'met';
}

/**
 * Moves the journey to a stage: the deadlines of the stage it leaves stop running, the new stage's
 * open afresh (a second placement gets its own confirmation deadline), and facts that count per
 * visit start again.
 */
function enter(
  state: JourneyState,
  to: Stage,
  at: string,
  input: JourneyInput,
  effects: Effects,
): void {
  if (to === state.stage) return;
  effects.moves.push({ from: state.stage, to });
  for (const deadline of pendingDeadlines(state))
    if (deadlineTerms[deadline.name].stage !== to) deadline.state = 'cancelled';
  state.stage = to;
  state.stageSince = state.milestones.length;
  if (to === 'pre-employment-checks') state.checks = freshChecks();
  for (const name of deadlineNames) {
    if (deadlineTerms[name].stage !== to || deadlineTerms[name].opensWithMilestone) continue;
    // Due after the first meeting: it opens when that is recorded (see applyReport).
    if (name === 'action-plan' && state.deadlineRules === 'from-first-meeting') continue;
    const start = to === 'engagement' ? input.submittedAt : at;
    state.deadlines = [
      ...state.deadlines.filter((d) => d.name !== name),
      openDeadline(name, start, input),
    ];
  }
}

/** The journey's first step: eligible referrals go on to engagement, the others end. */
export function startJourney(state: JourneyState, input: JourneyInput, now: string): Effects {
  const effects = nothing();
  if (isEnded(state)) return effects; // withdrawn before the journey's first step
  if (!input.eligible) return recordJourneyOutcome(state, 'not-eligible', now, input);
  if (state.stage === 'referral') enter(state, 'engagement', now, input, effects);
  return effects;
}

/** Records an outcome once; an ending closes the journey. */
export function recordJourneyOutcome(
  state: JourneyState,
  outcome: Outcome,
  now: string,
  input: JourneyInput,
  reasonCode?: string,
  into: Effects = nothing(),
): Effects {
  if (hasOutcome(state, outcome) || isEnded(state)) return into;
  const recorded = { outcome, at: now, ...(reasonCode ? { reasonCode } : {}) };
  state.outcomes.push(recorded);
  into.outcomes.push(recorded);
  if (isEndingOutcome(outcome)) enter(state, 'closed', now, input, into);
  return into;
}

/** Applies a reported milestone, or records why it was refused. Never moves the stage on a refusal. */
export function applyReport(
  state: JourneyState,
  report: MilestoneReport,
  input: JourneyInput,
  now: string,
  patches: PatchDecisions = currentPatches,
): Effects {
  if (!markSeen(state, report)) return nothing('duplicate');
  const refusal = refusalOf(state, report);
  if (refusal) {
    state.refusals = [
      ...state.refusals,
      {
        eventId: report.eventId,
        code: report.code,
        at: report.occurredAt,
        stage: state.stage,
        reason: refusal,
        ...(report.ref !== undefined ? { ref: report.ref } : {}),
      },
    ].slice(-refusalWindow);
    return { ...nothing('refused'), refusal };
  }
  const effects = nothing();
  const placementKind = report.placementKind ?? placementKindOf(state, report.ref);
  if (fromEmployer(state)) followSustainment(state, report, input);
  state.milestones.push({
    code: report.code,
    at: report.occurredAt,
    ...(report.check ? { check: report.check } : {}),
    ...(report.ref !== undefined ? { ref: report.ref } : {}),
    ...(report.weeks ? { weeks: report.weeks } : {}),
    ...(placementKind ? { placementKind } : {}),
    ...(report.applicationOutcome ? { applicationOutcome: report.applicationOutcome } : {}),
  });
  recordFacts(state, report);
  const met = deadlineMetBy[report.code];
  if (met) meet(state, met);
  if (
    report.code === 'placement-completed' &&
    placementKind === 'work-experience' &&
    patches.workExperienceFollowUp()
  )
    openDeadlineAfresh(state, openDeadline('work-experience-follow-up', report.occurredAt, input));
  if (report.code === 'first-contact') openActionPlanDeadline(state, report, input);
  if (allChecksCleared(state)) meet(state, 'pre-employment-checks');
  const rule = milestoneRules[report.code];
  const to = rule.to?.(state, report);
  if (to) enter(state, to, report.occurredAt, input, effects);
  const outcomes = [
    ...(rule.outcome ? [rule.outcome] : []),
    ...(rule.outcomesOf?.(state, report) ?? []),
  ];
  for (const outcome of outcomes)
    recordJourneyOutcome(state, outcome, now, input, report.reasonCode, effects);
  return effects;
}

/** Puts a deadline in place of any earlier one of its name (a later step asks afresh). */
function openDeadlineAfresh(state: JourneyState, deadline: Deadline): void {
  state.deadlines = [...state.deadlines.filter((d) => d.name !== deadline.name), deadline];
}

/**
 * A deadline whose passing is itself the result (`outcomeWhenMissed`: the work-experience
 * follow-up) has passed unmet: it is missed and its outcome recorded (once; an ending closes the
 * journey). Nothing happens if it is no longer running.
 */
export function deadlinePassedUnmet(
  state: JourneyState,
  name: DeadlineName,
  now: string,
  input: JourneyInput,
): Effects {
  const deadline = pendingDeadlines(state).find((d) => d.name === name);
  const outcome = deadlineTerms[name].outcomeWhenMissed;
  if (!deadline || !outcome || isEnded(state)) return nothing('duplicate');
  deadline.state = 'missed';
  return recordJourneyOutcome(state, outcome, now, input);
}

/** The kind of a placement the journey was told of earlier (by its proposal or confirmation). */
function placementKindOf(state: JourneyState, ref: string | undefined): PlacementKind | undefined {
  if (ref === undefined) return undefined;
  return state.milestones.find((m) => m.ref === ref && m.placementKind)?.placementKind;
}

/**
 * Sustainment from the employer: a mark reached opens the deadline for the employer's answer
 * (a later mark's replaces an earlier one still unanswered: the later answer settles both), and
 * a confirmation of that mark (or a later one) meets it. Runs before the report is recorded.
 */
function followSustainment(
  state: JourneyState,
  report: MilestoneReport,
  input: JourneyInput,
): void {
  if (report.code === 'sustainment-due' && report.weeks && report.dueAt) {
    openDeadlineAfresh(state, {
      ...openDeadline('sustainment-confirmation', report.dueAt, input),
      waitingFor: `confirmation of ${report.weeks} weeks in post`,
    });
  }
  if (report.code === 'sustainment-confirmed' && report.weeks) {
    const asked = state.milestones.filter((m) => m.code === 'sustainment-due').at(-1)?.weeks;
    if (asked && report.weeks >= asked) meet(state, 'sustainment-confirmation');
  }
}

/**
 * The action plan is due a number of working days after the first meeting (DWP guidance), on
 * journeys that follow that rule: its clock starts when the first contact is recorded, while the
 * journey is still in engagement and has no plan yet.
 */
function openActionPlanDeadline(
  state: JourneyState,
  report: MilestoneReport,
  input: JourneyInput,
): void {
  if (state.deadlineRules !== 'from-first-meeting' || state.stage !== 'engagement') return;
  if (state.deadlines.some((d) => d.name === 'action-plan')) return;
  if (state.milestones.some((m) => m.code === 'action-plan-agreed')) return;
  state.deadlines.push(openDeadline('action-plan', report.occurredAt, input));
}

/** What a milestone tells the journey beyond its record: courses, warnings, checks, the mentor. */
function recordFacts(state: JourneyState, report: MilestoneReport): void {
  const ref = courseRef(report);
  switch (report.code) {
    case 'mentor-assigned':
      if (report.by) state.mentorId = report.by;
      return;
    case 'training-enrolled':
      state.courses = [...state.courses.filter((c) => c.ref !== ref), { ref, status: 'enrolled' }];
      return;
    case 'training-at-risk':
      if (!state.warnings.some((w) => w.code === 'training-at-risk' && w.ref === ref))
        state.warnings.push({ code: 'training-at-risk', ref, at: report.occurredAt });
      return;
    case 'training-completed':
    case 'training-withdrawn':
      state.courses = state.courses.map((c) =>
        c.ref === ref
          ? { ref, status: report.code === 'training-completed' ? 'completed' : 'withdrawn' }
          : c,
      );
      // The course has ended: its at-risk warning no longer applies.
      state.warnings = state.warnings.filter(
        (w) => !(w.code === 'training-at-risk' && w.ref === ref),
      );
      return;
    case 'check-updated':
    case 'check-cleared':
    case 'check-failed': {
      const check = report.check!;
      const current = state.checks[check];
      const status = checkStatusOf(report) ?? current.status;
      // A decided check has no next action: nobody holds it and nothing is due.
      const decided = status === 'cleared' || status === 'failed';
      state.checks[check] = {
        status,
        owner: decided ? null : (report.checkOwner ?? current.owner),
        dueAt: decided ? null : (report.dueAt ?? current.dueAt),
      };
      return;
    }
    default:
  }
}

const partyOf: Record<CheckOwner, Party> = {
  employer: 'employer',
  participant: 'participant',
  'third-party': 'third-party',
};

/** What a state-machine journey waits for next, and from whom. */
export function waitingForNext(state: JourneyState): { what: string; from: Party } | null {
  if (state.stage !== 'closed') {
    const renewal = consentWaitingFor(state);
    if (renewal) return renewal;
  }
  switch (state.stage) {
    case 'engagement':
      return engagementWaitingFor(state);
    case 'training':
      return { what: 'completion of training', from: 'training-provider' };
    case 'employability':
      return has(state, 'cv-ready')
        ? { what: 'a work placement or a job offer', from: 'programme-operator' }
        : { what: 'a CV ready to send', from: 'programme-operator' };
    case 'placement':
      if (!sinceStageEntry(state, 'placement-confirmed'))
        return { what: 'confirmation of the placement', from: 'employer' };
      return sinceStageEntry(state, 'placement-completed')
        ? { what: 'an interview or offer', from: 'employer' }
        : { what: 'completion of the placement', from: 'employer' };
    case 'offer':
      return { what: 'the answer to the offer', from: 'participant' };
    case 'pre-employment-checks':
      return checksWaitingFor(state);
    case 'in-work':
      return {
        what: hasOutcome(state, 'sustained-13-weeks')
          ? 'confirmation of 26 weeks in post'
          : 'confirmation of 13 weeks in post',
        from: 'employer',
      };
    default:
      return null;
  }
}

/** The outstanding check due soonest names who is holding up the start. */
function checksWaitingFor(state: JourneyState): { what: string; from: Party } {
  const outstanding = preEmploymentChecks
    .filter((c) => state.checks[c].status !== 'cleared')
    .sort(
      (a, b) =>
        Date.parse(state.checks[a].dueAt ?? '9999-12-31') -
        Date.parse(state.checks[b].dueAt ?? '9999-12-31'),
    );
  const first = outstanding[0];
  if (first) {
    const owner = state.checks[first].owner;
    return { what: `the ${first} check`, from: owner ? partyOf[owner] : 'employer' };
  }
  if (!sinceStageEntry(state, 'offer-made-unconditional'))
    return { what: 'an unconditional offer', from: 'employer' };
  if (!sinceStageEntry(state, 'start-date-agreed'))
    return { what: 'a start date', from: 'employer' };
  return { what: 'the first day in post', from: 'employer' };
}
