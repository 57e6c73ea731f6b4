import type { Queryable, Statement } from '@ladder/db';
import {
  addMilestones,
  addMilestonesStatement,
  type Milestone,
  type ReferralRow,
} from '../db/referrals.repository.js';
import { enqueueDeliveries, enqueueDeliveriesStatement } from '../db/webhooks.repository.js';

type Owner = Pick<
  ReferralRow,
  'id' | 'participant_id' | 'programme_id' | 'referrer_organisation_id'
>;

/** What a referrer's webhook receives for one milestone. */
export function deliveryPayload(referral: Owner, milestone: Milestone, status: string) {
  return {
    type: 'referral.milestone',
    referralId: referral.id,
    participantId: referral.participant_id,
    programmeId: referral.programme_id,
    status,
    milestone: {
      code: milestone.code,
      occurredAt: milestone.occurredAt,
      detail: milestone.detail,
    },
  };
}

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

/**
 * The statements that record a new referral's first milestones and queue their webhook
 * deliveries: a new referral has none yet, so every one is added.
 */
export function firstMilestonesStatements(
  referral: Owner,
  milestones: Milestone[],
  status: string,
): Statement[] {
  return [
    addMilestonesStatement(referral.id, milestones),
    enqueueDeliveriesStatement(
      referral.referrer_organisation_id,
      referral.id,
      milestones.map((milestone) => deliveryPayload(referral, milestone, status)),
    ),
  ];
}

export const recordMilestone = (
  tx: Queryable,
  referral: Owner,
  milestone: Milestone & { sourceEventId?: string },
  status: string,
): Promise<boolean> => recordMilestones(tx, referral, [milestone], status);
