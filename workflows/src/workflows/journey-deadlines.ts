import type { Deadline, JourneyInput, JourneyState } from '@ladder/workflow-contracts';
import {
  guidanceWorkExperienceFollowUpDays,
  type DeadlineName,
  type Outcome,
  type Party,
  type Stage,
} from '@ladder/vocabulary';
import type { ChasedDeadline } from '../activities/journey-event.js';
import { addDays, addWorkingDays, type Holidays } from './working-days.js';

/** What each deadline waits for, from whom, how long it runs, and the stage it belongs to. */
export interface DeadlineTerms {
  stage: Stage;
  waitingFor: string;
  from: Party;
  /** When it is due, from the time its clock starts. */
  due: (start: Date, input: JourneyInput) => Date;
  /** True when a milestone opens it, not the start of its stage. */
  opensWithMilestone?: true;
  /**
   * When it passes unmet the journey records this outcome, instead of publishing JourneyStalled
   * and escalating: nothing following is itself the result.
   */
  outcomeWhenMissed?: Outcome;
}

/** The bank holidays a journey's working days skip: those its input carries. */
const holidaysOf = (input: JourneyInput): Holidays => new Set(input.bankHolidays ?? []);

export const deadlineTerms: Readonly<Record<DeadlineName, DeadlineTerms>> = {
  acknowledge: {
    stage: 'engagement',
    waitingFor: 'acknowledgement',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.acknowledgeWorkingDays, holidaysOf(i)),
  },
  'first-contact': {
    stage: 'engagement',
    waitingFor: 'first contact',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.firstContactWorkingDays, holidaysOf(i)),
  },
  'action-plan': {
    stage: 'engagement',
    waitingFor: 'an action plan',
    from: 'programme-operator',
    due: (s, i) => addWorkingDays(s, i.deadlines.actionPlanWorkingDays, holidaysOf(i)),
  },
  'training-completion': {
    stage: 'training',
    waitingFor: 'completion of training',
    from: 'training-provider',
    due: (s, i) => addDays(s, i.deadlines.trainingCompletionDays),
  },
  'placement-confirmation': {
    stage: 'placement',
    waitingFor: 'confirmation of the placement',
    from: 'employer',
    due: (s, i) => addDays(s, i.deadlines.placementConfirmationDays),
  },
  'offer-response': {
    stage: 'offer',
    waitingFor: 'the answer to the offer',
    from: 'participant',
    due: (s, i) => addDays(s, i.deadlines.offerResponseDays),
  },
  'pre-employment-checks': {
    stage: 'pre-employment-checks',
    waitingFor: 'the six pre-employment checks',
    from: 'employer',
    due: (s, i) => addDays(s, i.deadlines.preEmploymentChecksDays),
  },
  'sustainment-confirmation': {
    stage: 'in-work',
    waitingFor: 'confirmation that the person is still in post',
    from: 'employer',
    // The employer service sets the due time (its programme's sustainment response days) and
    // `sustainment-due` carries it: the deadline opens with that time as its start.
    due: (answerDueAt) => answerDueAt,
    opensWithMilestone: true,
  },
  'work-experience-follow-up': {
    stage: 'placement',
    waitingFor: 'an interview, an offer, an application or another placement',
    from: 'programme-operator',
    // Programmes' rules do not carry it yet (ReferralSubmitted v3's deadlines lack it).
    due: (s, i) =>
      addDays(s, i.deadlines.workExperienceFollowUpDays ?? guidanceWorkExperienceFollowUpDays),
    opensWithMilestone: true,
    outcomeWhenMissed: 'work-experience',
  },
};

/** A new open deadline whose clock starts at `start` (never before the referral was accepted). */
export function openDeadline(name: DeadlineName, start: string, input: JourneyInput): Deadline {
  const terms = deadlineTerms[name];
  const from = new Date(Math.max(Date.parse(start), Date.parse(input.submittedAt)));
  return {
    name,
    dueAt: terms.due(from, input).toISOString(),
    waitingFor: terms.waitingFor,
    from: terms.from,
    state: 'open',
    extendedByDays: 0,
  };
}

/** Deadlines still running, soonest first. */
export function pendingDeadlines(state: Pick<JourneyState, 'deadlines'>): Deadline[] {
  return state.deadlines
    .filter((d) => d.state === 'open' || d.state === 'escalated')
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** True for a deadline the journey chases when it passes (JourneyStalled, then escalation). */
export const isChased = (name: DeadlineName): name is ChasedDeadline =>
  deadlineTerms[name].outcomeWhenMissed === undefined;
