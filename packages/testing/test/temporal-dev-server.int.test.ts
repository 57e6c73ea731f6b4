import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { connectToDevServer, uniqueSuffix, uniqueTaskQueue } from '../src/index.js';
import { proceed, waitForSignal } from './fixtures/proof.workflows.js';

describe('the Temporal dev server of the test stack', () => {
  it('when a waiting workflow is signalled, then it completes with what the signal carried', async () => {
    const env = await connectToDevServer();
    const taskQueue = uniqueTaskQueue('proof');
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowsPath: new URL('./fixtures/proof.workflows.ts', import.meta.url).pathname,
      });
      const result = await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(waitForSignal, {
          taskQueue,
          workflowId: `proof:${uniqueSuffix()}`,
        });
        const description = await handle.describe();
        expect(description.status.name).toBe('RUNNING');
        await handle.signal(proceed, 'go');
        return handle.result();
      });
      expect(result).toBe('go');
    } finally {
      await env.teardown();
    }
  });
});
