import type { Actor } from '@ladder/auth';
import { appendToOutbox, type OutboxMessage } from '@ladder/db';
import {
  employmentCheckUpdatedV1,
  offerMadeUnconditionalV1,
  offerWithdrawnV1,
} from '@ladder/events';
import { problem } from '@ladder/http';
import type { CheckOwner, CheckStatus, PreEmploymentCheck, ThirdParty } from '@ladder/vocabulary';
import {
  listChecks,
  setCheck,
  type CheckState,
  type EmploymentCheck,
} from '../db/employment-checks.repository.js';
import { getOffer, setOfferStatus, type Offer, type OfferStatus } from '../db/offers.repository.js';
import { dayOf } from '../domain/sustainment-marks.js';
import { offerEvent } from '../events/vacancy-events.js';
import { assertEmployerOf, assertMayActOn } from './access.js';
import type { EmployerDeps } from './deps.js';
import { changeOffer, offerNotOpen } from './offers.js';

/** What a change to a check may say; what it leaves out stays as it was. */
export interface CheckChange {
  status: CheckStatus;
  owner?: CheckOwner | null | undefined;
  thirdParty?: ThirdParty | null | undefined;
  dueOn?: string | null | undefined;
  evidenceSeenOn?: string[] | undefined;
}

const decided = (status: CheckStatus) => status === 'cleared' || status === 'failed';

/** A check as the API shows it, with whether its next action is late (who holds up a start). */
export function checkView(c: EmploymentCheck, today: string) {
  return { ...c, overdue: !decided(c.status) && c.dueOn !== null && c.dueOn < today };
}

/**
 * The check's state after the change. A decided check has no next action (no owner, no due
 * day); a third party is named (by kind) exactly when one holds the next action.
 */
function nextState(current: EmploymentCheck, change: CheckChange): CheckState {
  if (decided(change.status))
    return {
      status: change.status,
      owner: null,
      thirdParty: null,
      dueOn: null,
      evidenceSeenOn: [...new Set(change.evidenceSeenOn ?? current.evidenceSeenOn)].sort(),
    };
  const owner = change.owner === undefined ? current.owner : change.owner;
  const thirdParty =
    change.thirdParty !== undefined
      ? change.thirdParty
      : owner === 'third-party'
        ? current.thirdParty
        : null;
  if ((owner === 'third-party') !== (thirdParty !== null))
    throw problem.unprocessable('a third party is named exactly when one holds the next action', {
      code: 'third-party-mismatch',
      errors: [
        owner === 'third-party'
          ? { field: 'body.thirdParty', message: 'name the kind of third party' }
          : { field: 'body.owner', message: 'must be third-party when a third party is named' },
      ],
    });
  return {
    status: change.status,
    owner,
    thirdParty,
    dueOn: change.dueOn === undefined ? current.dueOn : change.dueOn,
    evidenceSeenOn: [...new Set(change.evidenceSeenOn ?? current.evidenceSeenOn)].sort(),
  };
}

const sameState = (a: CheckState, b: CheckState) =>
  a.status === b.status &&
  a.owner === b.owner &&
  a.thirdParty === b.thirdParty &&
  a.dueOn === b.dueOn &&
  a.evidenceSeenOn.join() === b.evidenceSeenOn.join();

/** An offer's six checks (none before it is accepted), for its employer or operator. */
export async function checksOf(deps: EmployerDeps, actor: Actor, offerId: string) {
  const offer = await getOffer(deps.pool, offerId);
  assertMayActOn(offer, actor, 'offer');
  return checksAnswer(offer, await listChecks(deps.pool, offer.id), deps.now());
}

const checksAnswer = (offer: Offer, checks: EmploymentCheck[], now: Date) => ({
  offerId: offer.id,
  offerStatus: offer.status,
  items: checks.map((c) => checkView(c, dayOf(now))),
  links: { self: `/v1/offers/${offer.id}/checks`, offer: `/v1/offers/${offer.id}` },
});

/**
 * The employer moves one check, under the offer's lock. The same state again changes nothing and
 * publishes nothing; a decided check stands (409). A failed check withdraws the offer; the sixth
 * cleared check makes it unconditional, in the same transaction, so that of two last updates
 * arriving at once exactly one does.
 */
export async function updateCheck(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  check: PreEmploymentCheck,
  change: CheckChange,
) {
  return changeOffer(deps, actor, offerId, async (tx, offer) => {
    assertEmployerOf(offer.employerOrganisationId, actor);
    const now = deps.now();
    const checks = await listChecks(tx, offer.id);
    const current = checks.find((c) => c.check === check);
    if (!current) throw offerNotOpen(offer, 'have its checks updated before it is accepted');
    const next = nextState(current, change);
    if (sameState(current, next)) return checksAnswer(offer, checks, now);
    if (offer.status !== 'accepted') throw offerNotOpen(offer, 'have its checks updated');
    if (decided(current.status))
      throw problem.conflict(`the ${check} check is ${current.status} already`, {
        code: 'check-decided',
        checkStatus: current.status,
      });
    const updated = await setCheck(tx, offer.id, check, next);
    const events: OutboxMessage[] = [
      offerEvent(
        employmentCheckUpdatedV1,
        offer,
        {
          check,
          status: updated.status,
          owner: updated.owner,
          thirdParty: updated.thirdParty,
          dueOn: updated.dueOn,
          evidenceSeenOn: updated.evidenceSeenOn,
        },
        actor,
        now,
      ),
    ];
    let status: OfferStatus = offer.status;
    const after = checks.map((c) => (c.check === check ? updated : c));
    if (updated.status === 'failed') {
      events.push(
        offerEvent(offerWithdrawnV1, offer, { reasonCode: 'check-failed', check }, actor, now),
      );
      status = (await setOfferStatus(tx, offer.id, 'withdrawn', 'check-failed')).status;
    } else if (after.every((c) => c.status === 'cleared')) {
      events.push(offerEvent(offerMadeUnconditionalV1, offer, {}, actor, now));
      status = (await setOfferStatus(tx, offer.id, 'unconditional')).status;
    }
    await appendToOutbox(tx, events);
    return checksAnswer({ ...offer, status }, after, now);
  });
}
