import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnvironment, uniqueSuffix, uniqueTaskQueue } from '../src/index.js';
import { sleepThirtyDays } from './fixtures/proof.workflows.js';

const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;

describe("Temporal's time-skipping test server", () => {
  it('when a workflow sleeps for 30 days, then it completes having seen 30 days pass', async () => {
    const env = await createTimeSkippingEnvironment();
    const taskQueue = uniqueTaskQueue('proof');
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: new URL('./fixtures/proof.workflows.ts', import.meta.url).pathname,
      });
      const workflowElapsedMs = await worker.runUntil(
        env.client.workflow.execute(sleepThirtyDays, {
          taskQueue,
          workflowId: `proof:${uniqueSuffix()}`,
        }),
      );
      expect(workflowElapsedMs).toBeGreaterThanOrEqual(thirtyDaysMs);
    } finally {
      await env.teardown();
    }
  });
});
