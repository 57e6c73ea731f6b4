import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import { leftPostV1, startDateAgreedV1, startedInPostV1 } from '@ladder/events';
import { problem } from '@ladder/http';
import type { EarlyEndReason } from '@ladder/vocabulary';
import { programmeEmploymentSettingsSchema } from '@ladder/vocabulary/schemas';
import { dayOf, sustainmentMarks } from '../domain/sustainment-marks.js';
import {
  getEmployment,
  lockEmployment,
  lockOfferOfEmployment,
  storeStartDate,
  updateEmployment,
  type Employment,
} from '../db/employments.repository.js';
import { findProgrammeOf } from '../db/programmes.repository.js';
import { closeOpenTasks, insertSustainmentTasks } from '../db/sustainment-tasks.repository.js';
import { offerEvent } from '../events/vacancy-events.js';
import { assertEmployerOf, assertMayActOn } from './access.js';
import type { EmployerDeps } from './deps.js';
import { employmentView } from './employment-views.js';

/** A day rule broken: 422 naming the field. */
const badDay = (field: string, message: string) =>
  problem.unprocessable(message, { errors: [{ field: `body.${field}`, message }] });

/**
 * The offer's employer agrees the first day in post of an unconditional offer: the employment is
 * created, or its day changed while the person has not started. The same day again changes
 * nothing. Run in the Idempotency-Key's transaction; `created` says whether the employment is new.
 */
export async function agreeStartDate(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  request: { offerId: string; startsOn: string },
) {
  const offer = await lockOfferOfEmployment(tx, request.offerId);
  assertMayActOn(offer, actor, 'offer');
  assertEmployerOf(offer.employerOrganisationId, actor);
  if (offer.status !== 'unconditional')
    throw problem.conflict(
      `the offer is ${offer.status}: a start date needs an unconditional offer`,
      {
        code: 'offer-not-unconditional',
      },
    );
  if (request.startsOn < offer.madeOn)
    throw badDay('startsOn', 'must not be before the day the offer was made');
  const before = await getEmployment(tx, offer.id);
  if (before && before.status !== 'agreed')
    throw problem.conflict(`the employment is ${before.status}: its start date is history`, {
      code: 'employment-started',
    });
  const now = deps.now();
  if (before?.startsOn !== request.startsOn) {
    await storeStartDate(tx, offer.id, request.startsOn);
    await appendToOutbox(tx, [
      offerEvent(startDateAgreedV1, offer, { startsOn: request.startsOn }, actor, now),
    ]);
  }
  const employment = (await getEmployment(tx, offer.id))!;
  return { created: !before, employment: await employmentView(tx, employment, now) };
}

/** Locks an employment for a change by its employer (anyone else: 404). */
export async function lockForEmployer(tx: PoolClient, actor: Actor, offerId: string) {
  const employment = await lockEmployment(tx, offerId);
  assertMayActOn(employment, actor, 'employment');
  assertEmployerOf(employment.employerOrganisationId, actor);
  return employment;
}

/**
 * The employer confirms the person started in post (the hired outcome), on a day that has come and
 * is not before the offer was made (it may differ from the agreed day). The 13- and 26-week tasks
 * are created at the programme's marks (`created`). The same start again changes nothing. Run in
 * the Idempotency-Key's transaction.
 */
export async function startInPost(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  request: { offerId: string; startedOn: string },
) {
  const employment = await lockForEmployer(tx, actor, request.offerId);
  const now = deps.now();
  if (employment.status !== 'agreed') {
    if (employment.startedOn === request.startedOn)
      return { created: false, employment: await employmentView(tx, employment, now) };
    throw problem.conflict(`the person started in post on ${employment.startedOn}`, {
      code: 'employment-started',
    });
  }
  if (employment.offerStatus !== 'unconditional')
    throw problem.conflict(`the offer is ${employment.offerStatus}: no one can start on it`, {
      code: 'offer-not-unconditional',
    });
  if (request.startedOn > dayOf(now)) throw badDay('startedOn', 'must not be in the future');
  if (request.startedOn < employment.madeOn)
    throw badDay('startedOn', 'must not be before the day the offer was made');
  const found = await findProgrammeOf(tx, employment.programmeId, employment.participantId);
  // The programme's copy comes with its rules; until then the marks are 13 and 26 weeks.
  const settings = found?.programme.employment ?? programmeEmploymentSettingsSchema.parse({});
  await updateEmployment(tx, employment.offerId, {
    status: 'in-post',
    startedOn: request.startedOn,
  });
  await insertSustainmentTasks(
    tx,
    employment.offerId,
    sustainmentMarks(request.startedOn, settings),
  );
  await appendToOutbox(tx, [
    offerEvent(startedInPostV1, offerOf(employment), { startedOn: request.startedOn }, actor, now),
  ]);
  const started = (await getEmployment(tx, employment.offerId))!;
  return { created: true, employment: await employmentView(tx, started, now) };
}

/** The offer an employment's events name. */
export const offerOf = (e: Employment) => ({ ...e, id: e.offerId });

export interface Leaving {
  leftOn: string;
  reasonCode: EarlyEndReason;
}

/**
 * The person left the post, on a day from the start to today: LeftPost once, and the tasks not
 * yet answered end. The same leaving again changes nothing; a different one is refused. Once the
 * 26-week mark is confirmed the programme's part is over, and leaving is not recorded here.
 */
export async function recordLeaving(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  employment: Employment,
  leaving: Leaving,
): Promise<void> {
  if (employment.status === 'left') {
    if (employment.leftOn === leaving.leftOn && employment.reasonCode === leaving.reasonCode)
      return;
    throw problem.conflict(`the person left on ${employment.leftOn}`, { code: 'already-left' });
  }
  if (employment.status !== 'in-post')
    throw problem.conflict(
      employment.status === 'agreed'
        ? 'the person has not started in post'
        : 'the job was sustained to 26 weeks: leaving it is not recorded here',
      { code: `employment-${employment.status}` },
    );
  const now = deps.now();
  if (leaving.leftOn > dayOf(now)) throw badDay('leftOn', 'must not be in the future');
  if (leaving.leftOn < employment.startedOn!)
    throw badDay('leftOn', 'must not be before the start in post');
  await updateEmployment(tx, employment.offerId, { status: 'left', ...leaving });
  await closeOpenTasks(tx, employment.offerId, now);
  await appendToOutbox(tx, [offerEvent(leftPostV1, offerOf(employment), leaving, actor, now)]);
}

/** The employer reports that the person left the post, at any time after the start. */
export async function leavePost(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  leaving: Leaving,
) {
  return withTransaction(deps.pool, async (tx) => {
    const employment = await lockForEmployer(tx, actor, offerId);
    await recordLeaving(tx, deps, actor, employment, leaving);
    return employmentView(tx, (await getEmployment(tx, offerId))!, deps.now());
  });
}
