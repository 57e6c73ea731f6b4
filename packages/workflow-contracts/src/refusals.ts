import { ApplicationFailure } from '@temporalio/common';
import { milestoneRefusals, type MilestoneRefusal } from '@ladder/vocabulary';
import { milestoneRefusedFailureType } from './journey.js';

/**
 * The reason a journey refused a staff milestone, read from the failure `recordMilestone` was
 * refused with (a `WorkflowUpdateFailedError`'s `cause`); undefined for any other failure.
 */
export function milestoneRefusalOf(failure: unknown): MilestoneRefusal | undefined {
  if (!(failure instanceof ApplicationFailure) || failure.type !== milestoneRefusedFailureType)
    return undefined;
  const reason = failure.message;
  return (milestoneRefusals as readonly string[]).includes(reason)
    ? (reason as MilestoneRefusal)
    : undefined;
}

/** The failure a journey refuses a staff milestone with: its message is the reason code. */
export const milestoneRefused = (reason: MilestoneRefusal): ApplicationFailure =>
  ApplicationFailure.create({
    type: milestoneRefusedFailureType,
    message: reason,
    details: [reason],
    nonRetryable: true,
  });
