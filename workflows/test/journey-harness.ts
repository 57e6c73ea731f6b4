import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  journeyWorkflowId,
  type JourneyInput,
  type MilestoneReport,
} from '@ladder/workflow-contracts';
import { guidanceDeadlines, type MilestoneCode } from '@ladder/vocabulary';
import { uniqueTaskQueue } from '@ladder/testing';
import type {
  JourneyEventToPublish,
  PublishJourneyEventsInput,
} from '../src/activities/journey-event.js';

export const workflowsPath = new URL('../src/workflows/index.ts', import.meta.url).pathname;

export function journeyInput(overrides: Partial<JourneyInput> = {}): JourneyInput {
  return {
    referralId: randomUUID(),
    participantId: randomUUID(),
    programmeId: 'blmk-step-into-health',
    referrerOrganisationId: 'org-luton-jobcentre',
    eligible: true,
    deadlines: guidanceDeadlines,
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A milestone report with a fresh event id; `details` adds the optional fields (ref, check, ...). */
export const report = (
  code: MilestoneCode,
  details: Omit<Partial<MilestoneReport>, 'code'> = {},
): MilestoneReport => ({
  eventId: randomUUID(),
  code,
  occurredAt: new Date().toISOString(),
  ...details,
});

/** A worker on the test environment whose activity records what the journey published. */
export async function journeyWorker(
  env: TestWorkflowEnvironment,
): Promise<{ worker: Worker; taskQueue: string; published: JourneyEventToPublish[] }> {
  const taskQueue = uniqueTaskQueue('journeys');
  const published: JourneyEventToPublish[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: {
      publishJourneyEvents: (input: PublishJourneyEventsInput) => {
        published.push(...input.events);
        return Promise.resolve();
      },
    },
  });
  return { worker, taskQueue, published };
}

export const workflowIdOf = (input: JourneyInput): string =>
  journeyWorkflowId(input.participantId, input.programmeId);
