import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, type SignalDefinition } from '@temporalio/common';
import type { Logger } from '@ladder/logger';
import {
  journeyWorkflowId,
  milestoneReported,
  type MilestoneReport,
} from '@ladder/workflow-contracts';

/** Whose journey an event is about: one journey per participant and programme. */
export interface JourneyOf {
  participantId: string;
  programmeId: string;
}

/**
 * Signals the participant's running journey. With none (it has ended, or its referral has not
 * started it) there is nobody to tell: the signal is skipped and false returned.
 */
export async function signalRunningJourney<Args extends unknown[]>(
  client: Client,
  journey: JourneyOf,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<boolean> {
  try {
    await client.workflow
      .getHandle(journeyWorkflowId(journey.participantId, journey.programmeId))
      .signal(signal, ...args);
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return false;
  }
}

/**
 * Another service's event to the participant's journey, as a `milestoneReported` signal carrying
 * the event's id (a redelivered event is recorded once); skipped when no journey is running.
 */
export async function reportMilestone(
  client: Client,
  journey: JourneyOf,
  report: MilestoneReport,
  logger: Logger,
): Promise<void> {
  if (await signalRunningJourney(client, journey, milestoneReported, report)) return;
  logger.info(
    {
      workflowId: journeyWorkflowId(journey.participantId, journey.programmeId),
      code: report.code,
    },
    'no running journey for this event; skipped',
  );
}
