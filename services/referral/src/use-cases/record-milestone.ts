import type { Queryable } from '@ladder/db';
import { addMilestone, type Milestone, type ReferralRow } from '../db/referrals.repository.js';
import { enqueueDeliveries } from '../db/webhooks.repository.js';

/**
 * Adds a milestone to a referral and queues a webhook delivery of it to the referrer, in the
 * caller's transaction. Returns false when the same source event was already recorded.
 */
export async function recordMilestone(
  tx: Queryable,
  referral: Pick<
    ReferralRow,
    'id' | 'participant_id' | 'programme_id' | 'referrer_organisation_id'
  >,
  milestone: Milestone & { sourceEventId?: string },
  status: string,
): Promise<boolean> {
  const added = await addMilestone(tx, referral.id, milestone);
  if (!added) return false;
  await enqueueDeliveries(tx, referral.referrer_organisation_id, referral.id, {
    type: 'referral.milestone',
    referralId: referral.id,
    participantId: referral.participant_id,
    programmeId: referral.programme_id,
    status,
    milestone: { code: milestone.code, occurredAt: milestone.occurredAt, detail: milestone.detail },
  });
  return true;
}
