import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { referralSubmittedV3, referralWithdrawnV2 } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import { bankHolidays } from '../calendar/bank-holidays.js';
import { findEarlyWithdrawal, recordEarlyWithdrawal } from './early-withdrawals.repository.js';
import {
  journeyTaskQueue,
  journeyWorkflowId,
  journeyWorkflowType,
  referralSubmitted,
  referralWithdrawn,
  type JourneyInput,
} from '@ladder/workflow-contracts';

/** True when this referral's journey already ran and ended: a late redelivery must not restart it. */
async function alreadyEnded(
  client: Client,
  workflowId: string,
  referralId: string,
): Promise<boolean> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    return description.status.name !== 'RUNNING' && description.memo?.referralId === referralId;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/**
 * Kafka events to the participant's journey. ReferralSubmitted starts it with signal-with-start on
 * the business-key workflow id; every signal carries its event id, so a redelivered event is
 * ignored by the workflow. A withdrawal that comes before its referral is kept (in the handler's
 * transaction) and becomes the start signal, so the journey starts withdrawn. Training and
 * employer events will map to `milestoneReported` here when those services publish them.
 */
export function referralBridgeHandlers(
  client: Client,
  taskQueue: string = journeyTaskQueue,
): EventSubscription[] {
  return [
    on(referralSubmittedV3, async (event, { tx, logger }) => {
      const { data } = event;
      const workflowId = journeyWorkflowId(data.participantId, data.programmeId);
      if (await alreadyEnded(client, workflowId, data.referralId)) {
        logger.info({ workflowId }, 'journey already ended; redelivered event ignored');
        return;
      }
      const input: JourneyInput = {
        referralId: data.referralId,
        participantId: data.participantId,
        programmeId: data.programmeId,
        referrerOrganisationId: data.referrerOrganisationId,
        eligible: data.eligibility.decision === 'eligible',
        deadlines: data.deadlines,
        submittedAt: data.submittedAt,
        // Three years from the referral: longer than any journey runs to its 26-week outcome.
        bankHolidays: bankHolidays(
          data.bankHolidayRegion,
          new Date(data.submittedAt).getUTCFullYear(),
        ),
      };
      const options = {
        workflowId,
        taskQueue,
        args: [input],
        memo: { referralId: data.referralId },
      };
      const early = await findEarlyWithdrawal(tx, data.referralId);
      if (early) {
        logger.info(
          { workflowId },
          'referral withdrawn before it arrived; journey starts withdrawn',
        );
        await client.workflow.signalWithStart(journeyWorkflowType, {
          ...options,
          signal: referralWithdrawn,
          signalArgs: [early],
        });
        return;
      }
      await client.workflow.signalWithStart(journeyWorkflowType, {
        ...options,
        signal: referralSubmitted,
        signalArgs: [{ eventId: event.id }],
      });
    }),
    on(referralWithdrawnV2, async (event, { tx, logger }) => {
      const { data } = event;
      const withdrawal = {
        eventId: event.id,
        reasonCode: data.reasonCode,
        occurredAt: data.withdrawnAt,
      };
      try {
        await client.workflow
          .getHandle(journeyWorkflowId(data.participantId, data.programmeId))
          .signal(referralWithdrawn, withdrawal);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        // No running journey: its ReferralSubmitted has not been handled yet (or the journey has
        // already ended, when keeping this changes nothing).
        logger.info('withdrawal before its journey; kept for when the referral arrives');
        await recordEarlyWithdrawal(tx, data.referralId, withdrawal);
      }
    }),
  ];
}
