import { randomUUID } from 'node:crypto';
import { withTransaction } from '@ladder/db';
import { createEventParser, eventCatalogue, upcasters, type EventEnvelope } from '@ladder/events';
import { handleEvent, type EventSubscription } from '@ladder/kafka';
import { bearer, referralBody, type ReferralTestApp } from './referral-app.js';

/** A referral as its referrer reads it back, as far as the closed-loop tests look. */
export interface ReferrerView {
  status: string;
  stage: string | null;
  outcome: string | null;
  active: boolean;
  milestones: { code: string; detail: Record<string, unknown> }[];
}

/** Makes a referral through the API as the test's job centre (a new person unless `body` says). */
export async function submitReferral(
  t: ReferralTestApp,
  body: Record<string, unknown> = referralBody(),
): Promise<{ id: string; participantId: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/referrals',
    headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
    payload: body,
  });
  return response.json<{ id: string; participantId: string }>();
}

/** The referral as the job centre that made it sees it. */
export async function readReferral(t: ReferralTestApp, id: string): Promise<ReferrerView> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/v1/referrals/${id}`,
    headers: bearer(t.jobCentre),
  });
  return response.json<ReferrerView>();
}

// As the consumer runner does: each event parsed and upcast to the version its handler is for.
const parse = createEventParser(eventCatalogue, upcasters);

/** Hands each event to its handler in `handlers`, each in a transaction of its own, in order. */
export async function handleEach(
  t: ReferralTestApp,
  handlers: readonly EventSubscription[],
  events: readonly EventEnvelope[],
): Promise<void> {
  for (const event of events) {
    const parsed = parse(event);
    if (!parsed.ok) throw new Error(parsed.reason);
    await withTransaction(t.pool, (tx) =>
      handleEvent(handlers, parsed.event, { tx, logger: t.deps.logger }),
    );
  }
}
