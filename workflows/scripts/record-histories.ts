/**
 * Records journey histories for the replay test, on the time-skipping server:
 *   npm run record-histories -- <route> [<route> ...]   (in workflows/; routes in history-routes.ts)
 * Record only new routes: histories already committed were recorded with older code and must stay
 * as they are, so that the replay test keeps checking today's code against them.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { installTimeSkippingServer, searchAttributesForOperatorService } from '@ladder/infra';
import { journeyWorkflowId, type JourneyInput } from '@ladder/workflow-contracts';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { workflowsPath } from '../src/worker.js';
import { historyRoutes } from './history-routes.js';

const names = process.argv.slice(2).filter((a) => a !== '--'); // pnpm passes the separator on
const unknown = names.filter((n) => !(n in historyRoutes));
if (names.length === 0 || unknown.length > 0) {
  process.stderr.write(
    `name the routes to record (unknown: ${unknown.join(', ') || 'none given'}); routes: ${Object.keys(historyRoutes).join(', ')}\n`,
  );
  process.exit(2);
}

const { paths } = await installTimeSkippingServer();

/**
 * The SDK gives the time-skipping server a fixed 5 s to answer (in its core, not configurable);
 * on a busy machine it can take longer, so a start that timed out is tried again, up to
 * RECORD_START_ATTEMPTS times (default 6: about half a minute in all).
 */
async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const attempts = Number(process.env.RECORD_START_ATTEMPTS ?? 6);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: paths.launcher! } },
      });
    } catch (error) {
      if (attempt >= attempts || !String(error).includes('did not start within')) throw error;
      process.stderr.write(`the time-skipping server did not start in time (${attempt}); again\n`);
    }
  }
}

/**
 * One time-skipping server per route: skipped time and the server's time-skipping lock are global
 * to a server, and a route that ends at once (not-eligible) left the next route's env.sleep hanging.
 */
async function record(name: string): Promise<void> {
  const env = await startTimeSkippingServer();
  try {
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
    await worker.runUntil(async () => {
      const route = historyRoutes[name]!;
      const input: JourneyInput = {
        referralId: randomUUID(),
        participantId: randomUUID(),
        programmeId: 'blmk-step-into-health',
        referrerOrganisationId: 'org-demo',
        eligible: true,
        deadlines: guidanceDeadlines,
        submittedAt: new Date().toISOString(),
        ...route.input,
      };
      const handle = await env.client.workflow.start(journeyWorkflow, {
        taskQueue,
        workflowId: journeyWorkflowId(input.participantId, input.programmeId),
        args: [input],
      });
      await route.drive(handle, env);
      const file = new URL(`../test/histories/${name}.json`, import.meta.url);
      writeFileSync(file, historyToJSON(await handle.fetchHistory()));
    });
  } finally {
    await env.teardown();
  }
  process.stdout.write(`recorded ${name}\n`);
}

for (const name of names) await record(name);
