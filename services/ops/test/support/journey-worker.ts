import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parseKeyRing } from '@ladder/crypto';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import { connectToDevServer, testStack, uniqueTaskQueue } from '@ladder/testing';
import { guidanceDeadlines } from '@ladder/vocabulary';
import {
  journeyWorkflowId,
  journeyWorkflowType,
  milestoneReported,
  type JourneyInput,
} from '@ladder/workflow-contracts';

/**
 * The journey workflow's real code, run by a worker here: a service may not import the worker
 * app, so its workflows are found by path (the worker bundles them itself) and never imported.
 */
const workflowsPath = fileURLToPath(
  new URL(
    './workflows/index.ts',
    `file://${createRequire(import.meta.url).resolve('@ladder/workflows')}`,
  ),
);

export interface JourneyWorker {
  env: TestWorkflowEnvironment;
  /** What the ops service is given to reach the same Temporal with the same keys. */
  temporal: { address: string; namespace: string; codecKeys: string };
  start(ids: { referralId: string; participantId: string; programmeId: string }): Promise<void>;
  report(
    ids: { participantId: string; programmeId: string },
    code: 'acknowledged' | 'first-contact',
  ): Promise<void>;
  /** What the journeys asked to publish (the events' own shapes, before the worker's outbox). */
  published: { workflowId: string; events: Record<string, unknown>[] }[];
  close(): Promise<void>;
}

/** A worker running the journey workflow on the shared dev server, its payloads encrypted. */
export async function startJourneyWorker(): Promise<JourneyWorker> {
  const env = await connectToDevServer();
  const published: JourneyWorker['published'] = [];
  const codecKeys = `test:${randomBytes(32).toString('base64')}`;
  const dataConverter = { payloadCodecs: [new AesGcmCodec(parseKeyRing(codecKeys))] };
  const taskQueue = uniqueTaskQueue('ops-journeys');
  const { address, namespace } = testStack().temporal;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace,
    taskQueue,
    workflowsPath,
    dataConverter,
    // The read model is fed apart: what the journeys would publish is only kept, to look at.
    activities: {
      publishJourneyEvents: (batch: (typeof published)[number]) => {
        published.push({ workflowId: batch.workflowId, events: batch.events });
        return Promise.resolve();
      },
    },
  });
  const running = worker.run();
  const client = new Client({ connection: env.connection, namespace, dataConverter });
  return {
    env,
    temporal: { address, namespace, codecKeys },
    published,
    async start(ids) {
      const input: JourneyInput = {
        ...ids,
        referrerOrganisationId: 'jobcentre-luton',
        eligible: true,
        deadlines: guidanceDeadlines,
        submittedAt: new Date().toISOString(),
      };
      await client.workflow.start(journeyWorkflowType, {
        taskQueue,
        workflowId: journeyWorkflowId(ids.participantId, ids.programmeId),
        args: [input],
      });
    },
    async report(ids, code) {
      await client.workflow
        .getHandle(journeyWorkflowId(ids.participantId, ids.programmeId))
        .signal(milestoneReported, {
          eventId: randomUUID(),
          code,
          occurredAt: new Date().toISOString(),
        });
    },
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
