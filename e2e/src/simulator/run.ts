import type { StaffSession } from '../clients/staff-session.js';
import type { Ladder } from '../actors/ladder.js';
import { Participant } from '../actors/participant.js';
import { britishFaker, referralOf } from '../actors/people.js';
import type { ProgrammeSetting } from '../actors/programme-setting.js';
import type { PersonPlan, Step } from './plan.js';

/** What became of one planned person: their participant, or why their route broke off. */
export interface PersonRun {
  plan: PersonPlan;
  participant?: Participant;
  /** The step that failed and why (a refusal, or a wait in vain): a mismatch to report. */
  failure?: string;
}

/** Ids a route carries from one step to the next. */
interface RouteState {
  placeId?: string;
  placementId?: string;
  offerId?: string;
}

/** Takes one step through the public API of the actor whose step it is. */
async function take(
  person: Participant,
  step: Step,
  state: RouteState,
  staff: StaffSession,
): Promise<void> {
  const need = (id: string | undefined, what: string): string => {
    if (id === undefined) throw new Error(`${step.do} before any ${what}`);
    return id;
  };
  const staffAct = async (
    action: 'withdraw' | 'record-outcome',
    fields: Record<string, string>,
  ) => {
    const answer = await person.staffAct(staff, action, fields);
    if (answer.status !== 303) throw new Error(`staff ${action} answered ${answer.status}`);
  };
  switch (step.do) {
    case 'enrol':
      state.placeId = await person.enrol();
      return;
    case 'complete-course':
      return person.completeCourse(need(state.placeId, 'place'));
    case 'withdraw-from-course':
      return person.withdrawFromCourse(need(state.placeId, 'place'));
    case 'progress-to-further-education':
      return person.progressToFurtherEducation(need(state.placeId, 'place'));
    case 'propose-placement':
      state.placementId = await person.proposePlacement();
      return;
    case 'decline-placement':
      return person.declinePlacement(need(state.placementId, 'placement'));
    case 'complete-placement':
      return person.completePlacement(need(state.placementId, 'placement'));
    case 'interview-and-offer':
      state.offerId = (await person.offer(await person.interview())).id;
      return;
    case 'decline-offer':
      return person.answerOffer(need(state.offerId, 'offer'), 'decline');
    case 'accept-offer':
      return person.answerOffer(need(state.offerId, 'offer'), 'accept');
    case 'fail-a-check':
      return person.runChecks(need(state.offerId, 'offer'), step.check);
    case 'clear-checks':
      return person.runChecks(need(state.offerId, 'offer'));
    case 'start-in-post':
      return person.startInPost(need(state.offerId, 'offer'));
    case 'confirm-in-post':
      return person.confirmInPost(need(state.offerId, 'offer'), step.weeks);
    case 'leave-post':
      return person.leavePost(need(state.offerId, 'offer'));
    case 'withdraw':
      return step.by === 'referrer'
        ? person.withdrawByReferrer()
        : staffAct('withdraw', { reasonCode: 'participant-request' });
    case 'record-outcome':
      return staffAct('record-outcome', { outcome: step.outcome });
  }
}

/** Refers one planned person and takes their steps, each waiting for the journey to follow. */
async function runPerson(
  ladder: Ladder,
  setting: ProgrammeSetting,
  plan: PersonPlan,
  seed: number,
  staff: StaffSession,
): Promise<PersonRun> {
  // Names and contact details from a faker of the person's own, so they do not depend on the
  // order in which people are run.
  const faker = britishFaker(seed * 100_003 + plan.index);
  let participant: Participant | undefined;
  let current = 'referral';
  try {
    participant = await Participant.refer(
      ladder,
      setting,
      referralOf(faker, setting.programmeId, plan.traits),
      ladder.jobCentreOf(plan.referrer),
    );
    const state: RouteState = {};
    for (const step of plan.steps) {
      current = step.do;
      await take(participant, step, state, staff);
    }
    return { plan, participant };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      plan,
      ...(participant ? { participant } : {}),
      failure: `person ${plan.index}, ${current}: ${why}`,
    };
  }
}

/**
 * Runs the cohort through the system, `concurrency` people at a time, each person's steps in
 * order. Programme staff act as one caseworker, signed in once.
 */
export async function runCohort(
  ladder: Ladder,
  setting: ProgrammeSetting,
  plans: readonly PersonPlan[],
  options: { seed: number; concurrency: number; onPersonDone?: (run: PersonRun) => void },
): Promise<PersonRun[]> {
  const staff = await ladder.staff('casey');
  const runs: PersonRun[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const run = await runPerson(ladder, setting, plan, options.seed, staff);
      runs[plan.index] = run;
      options.onPersonDone?.(run);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return runs;
}
