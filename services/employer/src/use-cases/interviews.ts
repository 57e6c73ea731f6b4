import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import { interviewRecordedV1, interviewScheduledV1 } from '@ladder/events';
import { problem } from '@ladder/http';
import type { InterviewAttendance, InterviewFormat, InterviewResult } from '@ladder/vocabulary';
import {
  employerKnowsParticipant,
  getInterview,
  insertInterview,
  recordInterview as storeOutcome,
  type Interview,
} from '../db/interviews.repository.js';
import { getVacancy } from '../db/vacancies.repository.js';
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
  request: VacancyAsk & {
    scheduledAt: string;
    format: InterviewFormat;
    siteId?: string | undefined;
  },
) {
  const vacancy = await getVacancy(tx, request.vacancyId);
  if (!vacancy || !(actor.organisationKind === 'programme-operator'))
    assertEmployerOf(vacancy?.employerOrganisationId, actor);
  const programme = await programmeOfParticipant(tx, request, (p) => {
    if (actor.organisationKind === 'programme-operator')
      assertOperatorOf(p, actor, 'arrange its interviews');
  });
  if (actor.organisationKind === 'employer') await assertEmployerKnows(tx, actor, request);
  if (new Date(request.scheduledAt) <= deps.now())
    throw problem.unprocessable('an interview is scheduled in the future', {
      code: 'interview-in-the-past',
      errors: [{ field: 'body.scheduledAt', message: 'must be in the future' }],
    });
  const siteId =
    request.format === 'in-person' ? await employerSiteFor(tx, vacancy!, request.siteId) : null;
  const interview = await insertInterview(tx, {
    ...newVacancyStep(vacancy!, request, programme),
    scheduledBy: actor.organisationKind === 'employer' ? 'employer' : 'programme-operator',
    scheduledAt: request.scheduledAt,
    format: request.format,
    siteId,
  });
  await appendToOutbox(tx, [
    interviewEvent(
      interviewScheduledV1,
      interview,
      { scheduledAt: interview.scheduledAt, format: interview.format, siteId },
      actor,
      deps.now(),
    ),
  ]);
  return interviewView(interview);
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
    const open =
      interview.attendance === null ||
      (interview.attendance === 'attended' && interview.result === 'no-decision');
    if (!open)
      throw problem.conflict('the interview’s outcome is recorded already', {
        code: 'interview-recorded',
      });
    await appendToOutbox(tx, [
      interviewEvent(interviewRecordedV1, interview, outcome, actor, deps.now()),
    ]);
    return interviewView(await storeOutcome(tx, interview.id, outcome));
  });
}
