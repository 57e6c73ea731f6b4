import { employerEventMilestones, employerMilestoneCode } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import { findReferralForJourney } from '../db/referrals.repository.js';
import { recordMilestone } from '../use-cases/record-milestone.js';

/**
 * Each employer step (placement, interview, offer, checks, start, sustainment) in the referral's
 * closed loop (and the referrer's webhooks), by the same code the journey uses. Codes and ids
 * only: no check kinds, results or reasons reach the referrer. A redelivered event is recorded
 * once (each milestone remembers its source event).
 */
export function employerHandlers(): EventSubscription[] {
  return employerEventMilestones.map(([definition, reports]) =>
    on(definition, async (event, { tx, logger }) => {
      const { participantId, programmeId, employerOrganisationId, occurredAt } = event.data;
      const referral = await findReferralForJourney(tx, participantId, programmeId);
      if (!referral) {
        logger.warn({ participantId }, 'employer event for no known referral; ignored');
        return;
      }
      const attendance = 'attendance' in event.data ? event.data.attendance : undefined;
      await recordMilestone(
        tx,
        referral,
        {
          code: employerMilestoneCode(reports, attendance),
          occurredAt,
          detail: { employerOrganisationId },
          sourceEventId: event.id,
        },
        referral.status,
      );
    }),
  );
}
