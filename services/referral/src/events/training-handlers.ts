import { trainingEventMilestones } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import { findReferralForJourney } from '../db/referrals.repository.js';
import { recordMilestone } from '../use-cases/record-milestone.js';

/**
 * Each step of a participant's training, in their referral's closed loop (and the referrer's
 * webhooks): enrolled, registers, at risk, completed, withdrawn, progressed. Codes and ids only;
 * the stage itself follows from the journey's own events. A redelivered event is recorded once
 * (each milestone remembers its source event).
 */
export function trainingHandlers(): EventSubscription[] {
  return trainingEventMilestones.map(([definition, code]) =>
    on(definition, async (event, { tx, logger }) => {
      const { participantId, programmeId, placeId, courseId, occurredAt } = event.data;
      const referral = await findReferralForJourney(tx, participantId, programmeId);
      if (!referral) {
        logger.warn({ participantId }, 'training event for no known referral; ignored');
        return;
      }
      await recordMilestone(
        tx,
        referral,
        { code, occurredAt, detail: { placeId, courseId }, sourceEventId: event.id },
        referral.status,
      );
    }),
  );
}
