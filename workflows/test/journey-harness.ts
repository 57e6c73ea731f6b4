import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  journeyWorkflowId,
  type JourneyInput,
  type MilestoneReport,
} from '@ladder/workflow-contracts';
import { guidanceDeadlines, type MilestoneCode } from '@ladder/vocabulary';
import { createTimeSkippingEnvironment, uniqueTaskQueue } from '@ladder/testing';
import type {
  JourneyEventToPublish,
  PublishJourneyEventsInput,
} from '../src/activities/journey-event.js';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';

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

/**
 * A time-skipping server and a journey worker for one test file: started before its tests and
 * stopped after them. `env`, `taskQueue` and `published` are there once the tests run.
 */
export function timeSkippingJourneys() {
  let env: TestWorkflowEnvironment | undefined;
  let started: Awaited<ReturnType<typeof journeyWorker>> | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    started = await journeyWorker(env);
    running = started.worker.run();
  });
  afterAll(async () => {
    started?.worker.shutdown();
    await running;
    await env?.teardown();
  });
  const ready = () => {
    if (!env || !started) throw new Error('the journey worker starts before the tests');
    return { env, ...started };
  };
  return {
    get env() {
      return ready().env;
    },
    get taskQueue() {
      return ready().taskQueue;
    },
    get published() {
      return ready().published;
    },
    /** Starts a journey on the worker's task queue, under its business-key id. */
    start: (input: JourneyInput) =>
      ready().env.client.workflow.start(journeyWorkflow, {
        taskQueue: ready().taskQueue,
        workflowId: workflowIdOf(input),
        args: [input],
      }),
  };
}
