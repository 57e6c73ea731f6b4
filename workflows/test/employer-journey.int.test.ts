import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createPool, withTransaction, type Pool } from '@ladder/db';
import {
  createEnvelope,
  employmentCheckUpdatedV1,
  interviewRecordedV1,
  interviewScheduledV1,
  offerAcceptedV1,
  offerDeclinedV1,
  offerMadeUnconditionalV1,
  offerMadeV1,
  offerWithdrawnV1,
  placementCompletedV1,
  placementConfirmedV1,
  placementDeclinedV1,
  placementProposedV1,
  placementStartedV1,
  startDateAgreedV1,
  startedInPostV1,
  sustainmentConfirmedV1,
  sustainmentDueV1,
  type EventEnvelope,
} from '@ladder/events';
import { handleEvent } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import {
  createTestDatabase,
  createTimeSkippingEnvironment,
  type TestDatabase,
} from '@ladder/testing';
import { preEmploymentChecks, type Stage } from '@ladder/vocabulary';
import {
  journeyState,
  milestoneReported,
  type JourneyInput,
  type JourneyState,
} from '@ladder/workflow-contracts';
import type { JourneyEventToPublish } from '../src/activities/journey-event.js';
import { concurrentByParticipant } from '../src/bridge/by-participant.js';
import { employerBridgeHandlers } from '../src/bridge/employer-bridge.js';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { journeyInput, journeyWorker, report, workflowIdOf } from './journey-harness.js';

/**
 * Journeys driven by the employer service's events (built from their real definitions) through
 * the bridge's handlers, on the time-skipping server: from a proposed placement to 26 weeks in
 * post, and each way back to employability support.
 */
describe('journeys driven by the employer service through the bridge (time-skipping)', () => {
  const logger = createLogger({ name: 'employer-journey-test', level: 'silent' });
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let taskQueue: string;
  let published: JourneyEventToPublish[];
  let running: Promise<void>;
  let db: TestDatabase;
  let pool: Pool;
  let handlers: ReturnType<typeof employerBridgeHandlers>;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    ({ worker, taskQueue, published } = await journeyWorker(env));
    running = worker.run();
    db = await createTestDatabase('employer-bridge');
    pool = createPool(db.url, { max: 2 });
    handlers = concurrentByParticipant(employerBridgeHandlers(env.client));
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
    await pool.end();
    await db.drop();
  });

  const employerOrganisationId = 'org-bedford-hospital';

  /** A journey engaged and with an action plan, waiting in employability support. */
  async function journeyInEmployability(): Promise<JourneyInput> {
    const input = journeyInput();
    const handle = await env.client.workflow.start(journeyWorkflow, {
      taskQueue,
      workflowId: workflowIdOf(input),
      args: [input],
    });
    for (const code of ['acknowledged', 'first-contact', 'action-plan-agreed'] as const)
      await handle.signal(milestoneReported, report(code));
    return input;
  }

  /** The employer service's events for one participant, as its outbox would publish them. */
  function employer(input: JourneyInput) {
    const context = {
      source: 'employer-service',
      subject: input.participantId,
      correlationId: randomUUID(),
    };
    const now = async () => new Date(await env.currentTimeMs()).toISOString();
    const ids = async () => ({
      participantId: input.participantId,
      programmeId: input.programmeId,
      employerOrganisationId,
      occurredAt: await now(),
    });
    const placementId = randomUUID();
    const slotId = randomUUID();
    const offerId = randomUUID();
    const vacancyId = randomUUID();
    const interviewId = randomUUID();
    const placement = async () => ({ ...(await ids()), placementId, slotId });
    const offer = async () => ({ ...(await ids()), offerId, vacancyId });
    return {
      offerId,
      now,
      placementProposed: async () =>
        createEnvelope(
          placementProposedV1,
          { ...(await placement()), placementKind: 'work-experience' },
          context,
        ),
      placementConfirmed: async () =>
        createEnvelope(
          placementConfirmedV1,
          { ...(await placement()), placementKind: 'work-experience' },
          context,
        ),
      placementDeclined: async () =>
        createEnvelope(
          placementDeclinedV1,
          { ...(await placement()), reasonCode: 'no-capacity' },
          context,
        ),
      placementStarted: async () => createEnvelope(placementStartedV1, await placement(), context),
      placementCompleted: async () =>
        createEnvelope(
          placementCompletedV1,
          { ...(await placement()), placementKind: 'work-experience' },
          context,
        ),
      interviewScheduled: async () =>
        createEnvelope(
          interviewScheduledV1,
          {
            ...(await ids()),
            interviewId,
            vacancyId,
            scheduledAt: await now(),
            format: 'video',
            siteId: null,
          },
          context,
        ),
      interviewAttended: async () =>
        createEnvelope(
          interviewRecordedV1,
          {
            ...(await ids()),
            interviewId,
            vacancyId,
            attendance: 'attended',
            result: 'successful',
          },
          context,
        ),
      offerMade: async () =>
        createEnvelope(
          offerMadeV1,
          {
            ...(await offer()),
            role: 'healthcare-support-worker',
            band: 'band-2',
            siteId: randomUUID(),
            hoursPerWeek: 37.5,
            interviewId,
            respondBy: new Date((await env.currentTimeMs()) + 10 * 86_400_000).toISOString(),
          },
          context,
        ),
      offerAccepted: async () =>
        createEnvelope(offerAcceptedV1, { ...(await offer()), recordedBy: 'employer' }, context),
      offerDeclined: async () =>
        createEnvelope(
          offerDeclinedV1,
          {
            ...(await offer()),
            recordedBy: 'programme-operator',
            reasonCode: 'declined-by-participant',
          },
          context,
        ),
      check: async (
        check: (typeof preEmploymentChecks)[number],
        status: 'waiting-for-third-party' | 'cleared' | 'failed',
      ) =>
        createEnvelope(
          employmentCheckUpdatedV1,
          {
            ...(await offer()),
            check,
            status,
            owner: status === 'waiting-for-third-party' ? 'third-party' : null,
            thirdParty: status === 'waiting-for-third-party' ? 'referee' : null,
            dueOn: status === 'waiting-for-third-party' ? '2027-03-01' : null,
            evidenceSeenOn: [],
          },
          context,
        ),
      offerWithdrawn: async (check: (typeof preEmploymentChecks)[number]) =>
        createEnvelope(
          offerWithdrawnV1,
          { ...(await offer()), reasonCode: 'check-failed', check },
          context,
        ),
      unconditional: async () => createEnvelope(offerMadeUnconditionalV1, await offer(), context),
      startDateAgreed: async () =>
        createEnvelope(
          startDateAgreedV1,
          { ...(await offer()), startsOn: (await now()).slice(0, 10) },
          context,
        ),
      startedInPost: async () =>
        createEnvelope(
          startedInPostV1,
          { ...(await offer()), startedOn: (await now()).slice(0, 10) },
          context,
        ),
      sustainmentDue: async (weeks: 13 | 26) =>
        createEnvelope(
          sustainmentDueV1,
          {
            ...(await offer()),
            weeks,
            answerDueAt: new Date((await env.currentTimeMs()) + 10 * 86_400_000).toISOString(),
          },
          context,
        ),
      sustainmentConfirmed: async (weeks: 13 | 26) =>
        createEnvelope(sustainmentConfirmedV1, { ...(await offer()), weeks }, context),
    };
  }

  /** Hands events to the bridge's handlers, each in a transaction, as its consumer would. */
  async function bridge(...events: EventEnvelope[]): Promise<void> {
    for (const event of events)
      await withTransaction(pool, (tx) => handleEvent(handlers, event, { tx, logger }));
  }

  async function untilStage(input: JourneyInput, stage: Stage): Promise<JourneyState> {
    const handle = env.client.workflow.getHandle(workflowIdOf(input));
    for (let i = 0; i < 150; i += 1) {
      const state = await handle.query(journeyState);
      if (state.stage === stage) return state;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the journey did not reach ${stage}`);
  }

  it('when the employer confirms a placement, an offer, six checks, the start and both sustainment marks, then the journey ends sustained at 26 weeks', async () => {
    const input = await journeyInEmployability();
    const e = employer(input);
    await bridge(
      await e.placementProposed(),
      await e.placementConfirmed(),
      await e.placementStarted(),
    );
    await bridge(
      await e.placementCompleted(),
      await e.interviewScheduled(),
      await e.interviewAttended(),
    );
    await bridge(await e.offerMade(), await e.offerAccepted());
    await bridge(await e.check('criminal-record-and-barring', 'waiting-for-third-party'));
    const checks = await untilStage(input, 'pre-employment-checks');
    expect(checks.checks['criminal-record-and-barring']).toEqual({
      status: 'waiting-for-third-party',
      owner: 'third-party',
      dueAt: '2027-03-01T00:00:00.000Z',
    });
    expect(checks.waitingFor).toEqual({
      what: 'the criminal-record-and-barring check',
      from: 'third-party',
    });
    for (const check of preEmploymentChecks) await bridge(await e.check(check, 'cleared'));
    await bridge(await e.unconditional(), await e.startDateAgreed(), await e.startedInPost());
    const inWork = await untilStage(input, 'in-work');
    expect(inWork.milestones.find((m) => m.code === 'placement-completed')).toMatchObject({
      placementKind: 'work-experience',
    });

    await env.sleep('13 weeks');
    await bridge(await e.sustainmentDue(13), await e.sustainmentConfirmed(13));
    await env.sleep('13 weeks');
    await bridge(await e.sustainmentDue(26), await e.sustainmentConfirmed(26));
    const ended = await env.client.workflow
      .getHandle<typeof journeyWorkflow>(workflowIdOf(input))
      .result();
    expect(ended.outcomes.map((o) => o.outcome)).toEqual([
      'hired',
      'sustained-13-weeks',
      'sustained-26-weeks',
    ]);
    expect(ended.deadlines.find((d) => d.name === 'sustainment-confirmation')?.state).toBe('met');
  });

  it('when the employer never answers a sustainment mark, then the journey is stalled on it and escalated', async () => {
    const input = await journeyInEmployability();
    const e = employer(input);
    await bridge(await e.offerMade(), await e.offerAccepted());
    for (const check of preEmploymentChecks) await bridge(await e.check(check, 'cleared'));
    await bridge(await e.unconditional(), await e.startDateAgreed(), await e.startedInPost());
    await untilStage(input, 'in-work');
    await env.sleep('13 weeks');
    await bridge(await e.sustainmentDue(13));
    await env.sleep('30 days');
    const state = await env.client.workflow.getHandle(workflowIdOf(input)).query(journeyState);
    expect(state.deadlines.find((d) => d.name === 'sustainment-confirmation')?.state).toBe(
      'missed',
    );
    expect(state.outcomes.map((o) => o.outcome)).toEqual(['hired']);
    const stalls = published.filter(
      (p) =>
        p.kind === 'stalled' && p.deadline === 'sustainment-confirmation' && p.stage === 'in-work',
    );
    expect(stalls.map((s) => s.kind === 'stalled' && s.escalated)).toEqual(
      expect.arrayContaining([false, true]),
    );
  });

  it.each<[string, (e: ReturnType<typeof employer>) => Promise<EventEnvelope[]>]>([
    [
      'a declined placement',
      async (e) => [await e.placementProposed(), await e.placementDeclined()],
    ],
    ['a declined offer', async (e) => [await e.offerMade(), await e.offerDeclined()]],
    [
      'a failed check',
      async (e) => [
        await e.offerMade(),
        await e.offerAccepted(),
        await e.check('identity', 'cleared'),
        await e.check('work-health-assessment', 'failed'),
        await e.offerWithdrawn('work-health-assessment'),
      ],
    ],
  ])(
    'when the employer reports %s, then the journey goes back to employability support, not to an ending',
    async (_name, steps) => {
      const input = await journeyInEmployability();
      await bridge(...(await steps(employer(input))));
      const back = await untilStage(input, 'employability');
      expect(back.outcomes).toEqual([]);
      // Every step was applied; after a failed check (which already sent the journey back) the
      // offer's withdrawal no longer fits and is recorded as refused.
      expect(back.refusals.map((r) => r.code)).toEqual(
        _name === 'a failed check' ? ['offer-withdrawn'] : [],
      );
    },
  );
});
