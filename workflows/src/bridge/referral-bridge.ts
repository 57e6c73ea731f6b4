import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { EventHandler } from '@ladder/kafka';
import {
  journeyTaskQueue,
  journeyWorkflowId,
  journeyWorkflowType,
  referralSubmitted,
  referralWithdrawn,
  type JourneyInput,
} from '@ladder/workflow-contracts';

interface ReferralSubmittedData {
  referralId: string;
  participantId: string;
  programmeId: string;
  referrerOrganisationId: string;
  eligibility: { decision: 'eligible' | 'not-eligible' };
  deadlines: JourneyInput['deadlines'];
  submittedAt: string;
}

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
 * ignored by the workflow. Training and employer events will map to `milestoneReported` here when
 * those services publish them.
 */
export function referralBridgeHandlers(
  client: Client,
  taskQueue: string = journeyTaskQueue,
): Record<string, EventHandler> {
  return {
    ReferralSubmitted: async (event, { logger }) => {
      const data = event.data as ReferralSubmittedData;
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
      };
      await client.workflow.signalWithStart(journeyWorkflowType, {
        workflowId,
        taskQueue,
        args: [input],
        signal: referralSubmitted,
        signalArgs: [{ eventId: event.id }],
        memo: { referralId: data.referralId },
      });
    },
    ReferralWithdrawn: async (event, { logger }) => {
      const data = event.data as {
        participantId: string;
        programmeId: string;
        reasonCode: string;
        withdrawnAt: string;
      };
      try {
        await client.workflow
          .getHandle(journeyWorkflowId(data.participantId, data.programmeId))
          .signal(referralWithdrawn, {
            eventId: event.id,
            reasonCode: data.reasonCode,
            occurredAt: data.withdrawnAt,
          });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        logger.warn('withdrawal for a journey that does not exist; ignored');
      }
    },
  };
}
