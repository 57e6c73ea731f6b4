import type { Queryable } from '@ladder/db';
import { addMilestones, type Milestone, type ReferralRow } from '../db/referrals.repository.js';
import { deliveryPayload, enqueueDeliveries } from '../db/webhooks.repository.js';

type Owner = Pick<
  ReferralRow,
  'id' | 'participant_id' | 'programme_id' | 'referrer_organisation_id'
>;

/**
 * Adds milestones to a referral and queues a webhook delivery of each to the referrer, in the
 * caller's transaction. Returns false when every one was already recorded (a redelivered event).
 */
export async function recordMilestones(
  tx: Queryable,
  referral: Owner,
  milestones: (Milestone & { sourceEventId?: string })[],
  status: string,
): Promise<boolean> {
  const added = await addMilestones(tx, referral.id, milestones);
  await enqueueDeliveries(
    tx,
    referral.referrer_organisation_id,
    referral.id,
    added.map((milestone) => deliveryPayload(referral, milestone, status)),
  );
  return added.length > 0;
}

export const recordMilestone = (
  tx: Queryable,
  referral: Owner,
  milestone: Milestone & { sourceEventId?: string },
  status: string,
): Promise<boolean> => recordMilestones(tx, referral, [milestone], status);
