import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import {
  interviewCancelledV1,
  interviewRecordedV1,
  interviewRescheduledV1,
  interviewScheduledV1,
} from '@ladder/events';
import { problem } from '@ladder/http';
import type {
  InterviewAttendance,
  InterviewCancelReason,
  InterviewFormat,
  InterviewResult,
  OfferAnswerRecorder,
} from '@ladder/vocabulary';
import {
  cancelInterview,
  employerKnowsParticipant,
  getInterview,
  insertInterview,
  recordInterview as storeOutcome,
  rescheduleInterview,
  type Interview,
} from '../db/interviews.repository.js';
import { getVacancy, type Vacancy } from '../db/vacancies.repository.js';
import { interviewEvent } from '../events/vacancy-events.js';
import { assertEmployerOf, assertMayActOn } from './access.js';
import type { EmployerDeps } from './deps.js';
import { employerSiteFor } from './employer-site.js';
import {
  assertOperatorOf,
  newVacancyStep,
  programmeOfParticipant,
  type VacancyAsk,
} from './programme-participant.js';

/** When and how an interview is asked for (an in-person one at a site, by default the vacancy's). */
export interface InterviewTime {
  scheduledAt: string;
  format: InterviewFormat;
  siteId?: string | undefined;
}

/** An interview as the API shows it: ids, codes, times. */
export function interviewView(i: Interview) {
  return {
    ...i,
    links: { self: `/v1/interviews/${i.id}`, vacancy: `/v1/vacancies/${i.vacancyId}` },
  };
}

/**
 * Refuses an employer acting for a participant it does not know yet: it is shown participants
 * through a placement proposed to it, or an interview the operator arranged with it.
 */
export async function assertEmployerKnows(
  tx: PoolClient,
  actor: Actor,
  request: { participantId: string; programmeId: string },
): Promise<void> {
  if (
    !(await employerKnowsParticipant(
      tx,
      actor.organisationId,
      request.participantId,
      request.programmeId,
    ))
  )
    throw problem.forbidden(
      'the participant has not been proposed to you: their programme’s operator arranges it',
      { code: 'participant-not-proposed' },
    );
}

/**
 * Schedules an interview for a vacancy: by the operator of the participant's programme (for any
 * employer's vacancy, as it proposes placements), or by the vacancy's employer for a participant
 * already proposed to it. Run in the Idempotency-Key's transaction.
 */
export async function scheduleInterview(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  request: VacancyAsk & InterviewTime,
) {
  const vacancy = await getVacancy(tx, request.vacancyId);
  if (!vacancy || !(actor.organisationKind === 'programme-operator'))
    assertEmployerOf(vacancy?.employerOrganisationId, actor);
  const programme = await programmeOfParticipant(tx, request, (p) => {
    if (actor.organisationKind === 'programme-operator')
      assertOperatorOf(p, actor, 'arrange its interviews');
  });
  if (actor.organisationKind === 'employer') await assertEmployerKnows(tx, actor, request);
  const when = await interviewWhen(tx, vacancy!, request, deps.now());
  const interview = await insertInterview(tx, {
    ...newVacancyStep(vacancy!, request, programme),
    scheduledBy: partyOf(actor),
    ...when,
  });
  await appendToOutbox(tx, [
    interviewEvent(interviewScheduledV1, interview, when, actor, deps.now()),
  ]);
  return interviewView(interview);
}

/** When and where an interview is: in the future; at one of the employer's sites in person. */
async function interviewWhen(
  tx: PoolClient,
  vacancy: Vacancy,
  ask: InterviewTime,
  now: Date,
): Promise<{ scheduledAt: string; format: InterviewFormat; siteId: string | null }> {
  if (new Date(ask.scheduledAt) <= now)
    throw problem.unprocessable('an interview is scheduled in the future', {
      code: 'interview-in-the-past',
      errors: [{ field: 'body.scheduledAt', message: 'must be in the future' }],
    });
  const siteId = ask.format === 'in-person' ? await employerSiteFor(tx, vacancy, ask.siteId) : null;
  // As the database gives it back (UTC, milliseconds), so that the same time asked again matches.
  return { scheduledAt: new Date(ask.scheduledAt).toISOString(), format: ask.format, siteId };
}

/** Which party an organisation is to an interview (assertMayActOn let only these two through). */
const partyOf = (actor: Actor): OfferAnswerRecorder =>
  actor.organisationKind === 'employer' ? 'employer' : 'programme-operator';

/**
 * Runs a change to an interview still to happen, under its row lock, for whoever scheduled it
 * (the other party sees it but may not move or cancel it: 403).
 */
async function changeScheduled(
  deps: EmployerDeps,
  actor: Actor,
  interviewId: string,
  change: (tx: PoolClient, interview: Interview) => Promise<Interview>,
) {
  return withTransaction(deps.pool, async (tx) => {
    const interview = await getInterview(tx, interviewId, true);
    assertMayActOn(interview, actor, 'interview');
    if (partyOf(actor) !== interview.scheduledBy)
      throw problem.forbidden('only whoever scheduled the interview may move or cancel it', {
        code: 'not-interview-scheduler',
        scheduledBy: interview.scheduledBy,
      });
    return interviewView(await change(tx, interview));
  });
}

const interviewCancelled = () =>
  problem.conflict('the interview is cancelled', { code: 'interview-cancelled' });
const interviewRecorded = () =>
  problem.conflict('the interview’s outcome is recorded already', {
    code: 'interview-recorded',
  });

/**
 * Whoever scheduled an interview moves it (a new time in the future, format, site) until its
 * outcome is recorded or it is cancelled. The same time, format and site again change nothing.
 */
export async function moveInterview(
  deps: EmployerDeps,
  actor: Actor,
  interviewId: string,
  ask: InterviewTime,
) {
  return changeScheduled(deps, actor, interviewId, async (tx, interview) => {
    if (interview.cancelledAt !== null) throw interviewCancelled();
    if (interview.attendance !== null) throw interviewRecorded();
    const vacancy = await getVacancy(tx, interview.vacancyId);
    const when = await interviewWhen(tx, vacancy!, ask, deps.now());
    if (
      when.scheduledAt === interview.scheduledAt &&
      when.format === interview.format &&
      when.siteId === interview.siteId
    )
      return interview;
    await appendToOutbox(tx, [
      interviewEvent(
        interviewRescheduledV1,
        interview,
        { ...when, previousScheduledAt: interview.scheduledAt, rescheduledBy: partyOf(actor) },
        actor,
        deps.now(),
      ),
    ]);
    return rescheduleInterview(tx, interview.id, when);
  });
}

/**
 * Whoever scheduled an interview cancels it, with a reason code, until its outcome is recorded.
 * The same cancellation again changes nothing; another reason for a cancelled one is refused.
 */
export async function callOffInterview(
  deps: EmployerDeps,
  actor: Actor,
  interviewId: string,
  reasonCode: InterviewCancelReason,
) {
  return changeScheduled(deps, actor, interviewId, async (tx, interview) => {
    if (interview.cancelledAt !== null) {
      if (interview.cancelReason === reasonCode) return interview;
      throw interviewCancelled();
    }
    if (interview.attendance !== null) throw interviewRecorded();
    await appendToOutbox(tx, [
      interviewEvent(
        interviewCancelledV1,
        interview,
        { reasonCode, cancelledBy: partyOf(actor) },
        actor,
        deps.now(),
      ),
    ]);
    return cancelInterview(tx, interview.id, reasonCode);
  });
}

/**
 * The employer records whether the participant came and the result. Once decided it stands; a
 * `no-decision` may be followed by the decision.
 */
export async function recordInterview(
  deps: EmployerDeps,
  actor: Actor,
  interviewId: string,
  outcome: { attendance: InterviewAttendance; result: InterviewResult | null },
) {
  return withTransaction(deps.pool, async (tx) => {
    const interview = await getInterview(tx, interviewId, true);
    assertMayActOn(interview, actor, 'interview');
    assertEmployerOf(interview.employerOrganisationId, actor);
    if (interview.cancelledAt !== null) throw interviewCancelled();
    const open =
      interview.attendance === null ||
      (interview.attendance === 'attended' && interview.result === 'no-decision');
    if (!open) throw interviewRecorded();
    await appendToOutbox(tx, [
      interviewEvent(interviewRecordedV1, interview, outcome, actor, deps.now()),
    ]);
    return interviewView(await storeOutcome(tx, interview.id, outcome));
  });
}
