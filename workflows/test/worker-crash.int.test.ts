import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createPool, migrate, type Pool } from '@ladder/db';
import {
  connectToDevServer,
  createTestDatabase,
  testStack,
  uniqueTaskQueue,
  type TestDatabase,
} from '@ladder/testing';
import { milestoneReported, recordOutcome, type JourneyState } from '@ladder/workflow-contracts';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { journeyInput, report, workflowIdOf } from './journey-harness.js';

const workerEntry = new URL('./fixtures/worker-process.ts', import.meta.url).pathname;

describe('a journey worker killed mid-journey (dev server)', () => {
  const taskQueue = uniqueTaskQueue('crash');
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let pool: Pool;
  const children: ChildProcess[] = [];

  const startWorker = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', workerEntry], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: testStack().temporal.address,
        TASK_QUEUE: taskQueue,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('worker running') && resolve(),
      );
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
    return child;
  };

  beforeAll(async () => {
    env = await connectToDevServer();
    db = await createTestDatabase('crash');
    await migrate({ databaseUrl: db.url });
    pool = createPool(db.url);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await pool.end();
    await db.drop();
    await env.teardown();
  });

  it('when the worker is SIGKILLed and a new one takes over, then every journey finishes and no step is published twice', async () => {
    const first = await startWorker();
    const inputs = Array.from({ length: 8 }, () => journeyInput({ participantId: randomUUID() }));
    const handles = await Promise.all(
      inputs.map((input) =>
        env.client.workflow.start(journeyWorkflow, {
          taskQueue,
          workflowId: workflowIdOf(input),
          args: [input],
        }),
      ),
    );
    for (const handle of handles) {
      for (const code of ['acknowledged', 'first-contact', 'mentor-assigned'] as const)
        await handle.signal(milestoneReported, report(code));
    }
    const published = async (): Promise<number> =>
      Number(
        (await pool.query<{ n: string }>('select count(*) as n from ladder_outbox')).rows[0]?.n,
      );
    while ((await published()) < inputs.length) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    // Work arrives while no worker runs; a new worker picks the journeys up where they were.
    for (const handle of handles) {
      for (const code of ['action-plan-agreed', 'training-enrolled', 'training-completed'] as const)
        await handle.signal(milestoneReported, report(code));
    }
    await startWorker();
    for (const handle of handles)
      await handle.executeUpdate(recordOutcome, { args: [{ outcome: 'further-education' }] });
    const finals: JourneyState[] = await Promise.all(handles.map((h) => h.result()));

    for (const final of finals) {
      expect(final.outcomes.map((o) => o.outcome)).toEqual(['further-education']);
      expect(final.milestones.map((m) => m.code)).toEqual([
        'acknowledged',
        'first-contact',
        'mentor-assigned',
        'action-plan-agreed',
        'training-enrolled',
        'training-completed',
      ]);
    }
    const { rows } = await pool.query<{ subject: string; step: string; n: string }>(
      // A stage can be entered twice (employability again after training), from different stages.
      `select message_key as subject, payload->>'type' || ':' || coalesce(payload->'data'->>'stage', payload->'data'->>'outcome') || coalesce(' from ' || (payload->'data'->>'previousStage'), '') as step, count(*) as n
       from ladder_outbox group by 1, 2`,
    );
    expect(rows.filter((r) => Number(r.n) > 1)).toEqual([]); // no step published twice
    for (const input of inputs) {
      const steps = rows.filter((r) => r.subject === input.participantId).map((r) => r.step);
      expect(steps).toEqual(
        expect.arrayContaining([
          'JourneyStageChanged:engagement from referral',
          'JourneyOutcomeRecorded:further-education',
          'JourneyStageChanged:closed from employability',
        ]),
      );
    }
  }, 180_000);
});
