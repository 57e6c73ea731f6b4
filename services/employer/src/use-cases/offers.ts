import { guidanceDeadlines } from '@ladder/vocabulary';
import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import { offerAcceptedV1, offerDeclinedV1, offerMadeV1, offerWithdrawnV1 } from '@ladder/events';
import { problem } from '@ladder/http';
import type { AgendaForChangeBand, OfferEndReason } from '@ladder/vocabulary';
import { startChecks } from '../db/employment-checks.repository.js';
import { getInterview } from '../db/interviews.repository.js';
import {
  getOffer,
  insertOffer,
  setOfferStatus,
  type Offer,
  type OfferStatus,
} from '../db/offers.repository.js';
import { findProgrammeOf } from '../db/programmes.repository.js';
import { getVacancy, lockVacancyPosts, type Vacancy } from '../db/vacancies.repository.js';
import { dayOf } from '../domain/sustainment-marks.js';
import { whyNoOffer } from '../domain/vacancy-openings.js';
import { offerEvent } from '../events/vacancy-events.js';
import { assertEmployerOf, assertMayActOn } from './access.js';
import type { EmployerDeps } from './deps.js';
import { employerSiteFor } from './employer-site.js';
import { assertEmployerKnows } from './interviews.js';
import {
  newVacancyStep,
  programmeOfParticipant,
  type VacancyAsk,
} from './programme-participant.js';

const dayMs = 86_400_000;

/** An offer as the API shows it: ids, codes, times. */
export function offerView(o: Offer) {
  return {
    ...o,
    links: {
      self: `/v1/offers/${o.id}`,
      vacancy: `/v1/vacancies/${o.vacancyId}`,
      checks: `/v1/offers/${o.id}/checks`,
    },
  };
}

/** The interview an offer follows: this participant's for this vacancy, attended and successful. */
async function assertSuccessfulInterview(
  tx: PoolClient,
  interviewId: string,
  request: { vacancyId: string; participantId: string },
): Promise<void> {
  const interview = await getInterview(tx, interviewId);
  if (
    interview?.vacancyId !== request.vacancyId ||
    interview.participantId !== request.participantId
  )
    throw problem.unprocessable('no such interview of the participant for this vacancy', {
      code: 'unknown-interview',
      errors: [{ field: 'body.interviewId', message: 'not this participant’s for this vacancy' }],
    });
  if (interview.result !== 'successful')
    throw problem.conflict('an offer follows a successful interview', {
      code: 'interview-not-successful',
    });
}

/** Refuses an offer on a vacancy past its closing day or with every post held (409, naming why). */
function assertVacancyOpen(vacancy: Vacancy, postsHeld: number, day: string): void {
  const reason = whyNoOffer(vacancy, postsHeld, day);
  if (reason === 'vacancy-closed')
    throw problem.conflict(`the vacancy closed on ${vacancy.closesOn}: no offer can be made`, {
      code: reason,
      closesOn: vacancy.closesOn,
    });
  if (reason === 'vacancy-filled')
    throw problem.conflict('every post of the vacancy is held by a live offer', {
      code: reason,
      posts: vacancy.posts,
      postsHeld,
    });
}

/**
 * The vacancy's employer makes a conditional offer to a participant proposed to it (after a
 * successful interview, or straight from a placement): the vacancy's role, its band, site and
 * hours unless the offer says otherwise, to be answered within the programme's offer-response
 * days; only up to the vacancy's closing day and while one of its posts is free, decided under
 * the vacancy's row lock so that simultaneous offers for the last post make one. Run in the
 * Idempotency-Key's transaction.
 */
export async function makeOffer(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  request: VacancyAsk & {
    interviewId?: string | undefined;
    band?: AgendaForChangeBand | undefined;
    siteId?: string | undefined;
    hoursPerWeek?: number | undefined;
  },
) {
  const vacancy = await getVacancy(tx, request.vacancyId);
  assertEmployerOf(vacancy?.employerOrganisationId, actor);
  const programme = await programmeOfParticipant(tx, request, () => undefined);
  await assertEmployerKnows(tx, actor, request);
  if (request.interviewId) await assertSuccessfulInterview(tx, request.interviewId, request);
  const siteId = await employerSiteFor(tx, vacancy!, request.siteId);
  const now = deps.now();
  assertVacancyOpen(vacancy!, await lockVacancyPosts(tx, vacancy!.id), dayOf(now));
  try {
    const offer = await insertOffer(tx, {
      ...newVacancyStep(vacancy!, request, programme),
      interviewId: request.interviewId ?? null,
      role: vacancy!.role,
      band: request.band ?? vacancy!.band,
      siteId,
      hoursPerWeek: request.hoursPerWeek ?? vacancy!.hoursPerWeek,
      respondBy: new Date(
        now.getTime() + // A copy stored before deadlines were kept has none until the programme's next version.
          (programme.deadlines ?? guidanceDeadlines).offerResponseDays * dayMs,
      ).toISOString(),
    });
    await appendToOutbox(tx, [
      offerEvent(
        offerMadeV1,
        offer,
        {
          role: offer.role,
          band: offer.band,
          siteId: offer.siteId,
          hoursPerWeek: offer.hoursPerWeek,
          interviewId: offer.interviewId,
          respondBy: offer.respondBy,
        },
        actor,
        now,
      ),
    ]);
    return offerView(offer);
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw problem.conflict('the participant has an open offer of this vacancy', {
        code: 'offer-exists',
      });
    throw error;
  }
}

export const offerNotOpen = (offer: Offer, what: string) =>
  problem.conflict(`the offer is ${offer.status}: it cannot ${what}`, {
    code: 'offer-not-open',
    offerStatus: offer.status,
  });

/**
 * Runs a change to an offer under its row lock (answers, withdrawal, checks and the expiry job
 * queue up behind each other), after checking that the caller may see it.
 */
export async function changeOffer<T>(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  change: (tx: PoolClient, offer: Offer) => Promise<T>,
): Promise<T> {
  return withTransaction(deps.pool, async (tx) => {
    const offer = await getOffer(tx, offerId, true);
    assertMayActOn(offer, actor, 'offer');
    return change(tx, offer);
  });
}

/** Who recorded the participant's answer: the operator or the employer (both may). */
const recorder = (actor: Actor) =>
  actor.organisationKind === 'employer' ? ('employer' as const) : ('programme-operator' as const);

/**
 * The participant's answer to a made offer, recorded by the operator or the employer before the
 * deadline. Accepting starts the six checks in the same transaction, each the employer's to do
 * and due `checkDueDays` after the acceptance.
 */
export async function answerOffer(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  answer: { accept: true } | { accept: false; reasonCode: OfferEndReason },
) {
  return changeOffer(deps, actor, offerId, async (tx, offer) => {
    const now = deps.now();
    const verb = answer.accept ? 'be accepted' : 'be declined';
    if (offer.status !== 'made') throw offerNotOpen(offer, verb);
    if (new Date(offer.respondBy) <= now)
      throw problem.conflict('the offer’s response deadline has passed', {
        code: 'offer-past-deadline',
        respondBy: offer.respondBy,
      });
    const recordedBy = recorder(actor);
    if (!answer.accept) {
      await appendToOutbox(tx, [
        offerEvent(
          offerDeclinedV1,
          offer,
          { recordedBy, reasonCode: answer.reasonCode },
          actor,
          now,
        ),
      ]);
      return offerView(await setOfferStatus(tx, offer.id, 'declined', answer.reasonCode));
    }
    // The programme copy the offer was made under; programmes are never deleted.
    const found = await findProgrammeOf(tx, offer.programmeId, offer.participantId);
    if (!found) throw new Error(`no copy of programme ${offer.programmeId}`);
    const { checkDueDays } = found.programme.employment;
    await startChecks(
      tx,
      offer.id,
      new Date(now.getTime() + checkDueDays * dayMs).toISOString().slice(0, 10),
    );
    await appendToOutbox(tx, [offerEvent(offerAcceptedV1, offer, { recordedBy }, actor, now)]);
    return offerView(await setOfferStatus(tx, offer.id, 'accepted'));
  });
}

const withdrawable: OfferStatus[] = ['made', 'accepted'];

/** The employer withdraws an offer not yet unconditional (made, or accepted with checks running). */
export async function withdrawOffer(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  reasonCode: OfferEndReason,
) {
  return changeOffer(deps, actor, offerId, async (tx, offer) => {
    assertEmployerOf(offer.employerOrganisationId, actor);
    if (!withdrawable.includes(offer.status)) throw offerNotOpen(offer, 'be withdrawn');
    await appendToOutbox(tx, [
      offerEvent(offerWithdrawnV1, offer, { reasonCode, check: null }, actor, deps.now()),
    ]);
    return offerView(await setOfferStatus(tx, offer.id, 'withdrawn', reasonCode));
  });
}
