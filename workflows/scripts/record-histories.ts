/**
 * Records journey histories for the replay test (npm run record-histories in workflows/), by
 * running routes through the journey on the time-skipping server. Commit the result: a later
 * change that cannot replay them would break journeys already running.
 */
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { installTimeSkippingServer, searchAttributesForOperatorService } from '@ladder/infra';
import {
  guidanceDeadlines,
  journeyWorkflowId,
  milestoneReported,
  preEmploymentChecks,
  recordOutcome,
  referralWithdrawn,
  type JourneyInput,
  type MilestoneCode,
  type PreEmploymentCheck,
} from '@ladder/workflow-contracts';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { workflowsPath } from '../src/worker.js';

const report = (code: MilestoneCode, check?: PreEmploymentCheck) => ({
  eventId: randomUUID(),
  code,
  occurredAt: new Date().toISOString(),
  ...(check ? { check } : {}),
});

const { paths } = await installTimeSkippingServer();
const env = await TestWorkflowEnvironment.createTimeSkipping({
  server: { executable: { type: 'existing-path', path: paths.launcher! } },
});
await env.connection.operatorService.addSearchAttributes({
  namespace: 'default',
  searchAttributes: searchAttributesForOperatorService(),
});
const taskQueue = 'record-histories';
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue,
  workflowsPath,
  activities: { publishJourneyEvents: () => Promise.resolve() },
});

type Handle = Awaited<ReturnType<typeof env.client.workflow.start<typeof journeyWorkflow>>>;
const routes: Record<string, (h: Handle) => Promise<unknown>> = {
  'hired-and-sustained': async (h) => {
    for (const code of [
      'acknowledged',
      'first-contact',
      'mentor-assigned',
      'action-plan-agreed',
      'training-enrolled',
      'training-completed',
      'placement-matched',
      'placement-confirmed',
      'placement-started',
      'placement-completed',
      'offer-made',
      'offer-accepted',
    ] as const)
      await h.signal(milestoneReported, report(code));
    for (const check of preEmploymentChecks)
      await h.signal(milestoneReported, report('check-cleared', check));
    await h.signal(milestoneReported, report('started-in-post'));
    return h.result();
  },
  withdrawn: async (h) => {
    await h.signal(milestoneReported, report('acknowledged'));
    await h.signal(referralWithdrawn, {
      eventId: randomUUID(),
      reasonCode: 'moved-away',
      occurredAt: new Date().toISOString(),
    });
    return h.result();
  },
  'further-education-by-ops': async (h) => {
    await h.signal(milestoneReported, report('acknowledged'));
    await h.executeUpdate(recordOutcome, { args: [{ outcome: 'further-education' }] });
    return h.result();
  },
  'disengaged-after-missed-deadlines': (h) => h.result(),
};

await worker.runUntil(async () => {
  for (const [name, route] of Object.entries(routes)) {
    const input: JourneyInput = {
      referralId: randomUUID(),
      participantId: randomUUID(),
      programmeId: 'blmk-step-into-health',
      referrerOrganisationId: 'org-demo',
      eligible: true,
      deadlines: guidanceDeadlines,
      submittedAt: new Date().toISOString(),
    };
    const handle = await env.client.workflow.start(journeyWorkflow, {
      taskQueue,
      workflowId: journeyWorkflowId(input.participantId, input.programmeId),
      args: [input],
    });
    await route(handle);
    const file = new URL(`../test/histories/${name}.json`, import.meta.url);
    writeFileSync(file, historyToJSON(await handle.fetchHistory()));
    process.stdout.write(`recorded ${name}\n`);
  }
});
await env.teardown();
