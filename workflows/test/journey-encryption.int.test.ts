import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { parseKeyRing } from '@ladder/crypto';
import { connectToDevServer, uniqueTaskQueue } from '@ladder/testing';
import { milestoneReported, withdraw } from '@ladder/workflow-contracts';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import { workflowsPath } from '../src/worker.js';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { journeyInput, report, workflowIdOf } from './journey-harness.js';

describe('what Temporal keeps of a journey (dev server, with the payload codec)', () => {
  const taskQueue = uniqueTaskQueue('codec');
  const dataConverter = {
    payloadCodecs: [new AesGcmCodec(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`))],
  };
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;

  beforeAll(async () => {
    env = await connectToDevServer();
    client = new Client({ connection: env.connection, namespace: env.namespace, dataConverter });
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath,
      dataConverter,
      activities: { publishJourneyEvents: () => Promise.resolve() },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('when a journey has run, then its history holds none of its data in plain text, and only the codec reads it', async () => {
    const secrets = {
      referralId: randomUUID(),
      referrerOrganisationId: `org-${randomUUID()}`,
      reasonCode: `reason-${randomUUID()}`,
      milestoneEvent: randomUUID(),
    };
    const input = journeyInput({
      referralId: secrets.referralId,
      referrerOrganisationId: secrets.referrerOrganisationId,
    });
    const handle = await client.workflow.start(journeyWorkflow, {
      taskQueue,
      workflowId: workflowIdOf(input),
      args: [input],
      memo: { referralId: secrets.referralId },
    });
    await handle.signal(milestoneReported, {
      ...report('acknowledged'),
      eventId: secrets.milestoneEvent,
    });
    await handle.executeUpdate(withdraw, { args: [{ reasonCode: secrets.reasonCode }] });
    const final = await handle.result();
    expect(final.outcomes[0]?.reasonCode).toBe(secrets.reasonCode); // the codec reads it back

    const history = await handle.fetchHistory();
    // Raw bytes show a plain payload's JSON verbatim; the JSON form shows every other string.
    const raw = Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish());
    const json = historyToJSON(history);
    for (const secret of Object.values(secrets)) {
      expect(raw.toString('latin1')).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
    expect(raw.toString('latin1')).toContain('binary/encrypted');
    // Without the codec (as the Web UI without its endpoint), the result cannot be read.
    await expect(env.client.workflow.getHandle(handle.workflowId).result()).rejects.toThrow();
  });
});
