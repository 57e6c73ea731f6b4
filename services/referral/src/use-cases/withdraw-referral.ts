import { appendToOutbox, withTransaction } from '@ladder/db';
import { createEnvelope, referralWithdrawnV2, topics } from '@ladder/events';
import type { WithdrawalReason } from '@ladder/vocabulary';
import { getReferral, updateReferralState } from '../db/referrals.repository.js';
import { serviceName, type ReferralDeps } from './deps.js';
import { recordMilestone } from './record-milestone.js';

export type WithdrawResult =
  { kind: 'withdrawn' } | { kind: 'not-found' } | { kind: 'not-active'; status: string };

/** Withdraws the caller's own active referral; other organisations' referrals are "not found". */
export async function withdrawReferral(
  deps: ReferralDeps,
  ctx: {
    organisationId: string;
    referralId: string;
    reasonCode: WithdrawalReason;
    correlationId: string;
  },
): Promise<WithdrawResult> {
  return withTransaction(deps.pool, async (tx) => {
    const referral = await getReferral(tx, ctx.referralId, true);
    if (!referral || referral.referrer_organisation_id !== ctx.organisationId)
      return { kind: 'not-found' } as const;
    if (!referral.active) return { kind: 'not-active', status: referral.status } as const;
    const now = deps.now().toISOString();
    await updateReferralState(tx, referral.id, {
      status: 'withdrawn',
      active: false,
      outcome: 'withdrawn',
      withdrawalReason: ctx.reasonCode,
    });
    await recordMilestone(
      tx,
      referral,
      { code: 'referral-withdrawn', occurredAt: now, detail: { reasonCode: ctx.reasonCode } },
      'withdrawn',
    );
    await appendToOutbox(tx, [
      {
        topic: topics.referrals.name,
        envelope: createEnvelope(
          referralWithdrawnV2,
          {
            referralId: referral.id,
            participantId: referral.participant_id,
            programmeId: referral.programme_id,
            reasonCode: ctx.reasonCode,
            withdrawnAt: now,
          },
          {
            source: serviceName,
            subject: referral.participant_id,
            correlationId: ctx.correlationId,
          },
        ),
      },
    ]);
    return { kind: 'withdrawn' } as const;
  });
}
