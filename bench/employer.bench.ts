/**
 * npm run bench -- employer
 *
 * 200 employers' pre-employment check updates (`PUT /v1/offers/:id/checks/:check`, each with its
 * employer's key) at 100 a second for 60 s, against the real employer service and the real
 * journey worker (with its employer bridge), each in its own process, on a throwaway PostgreSQL,
 * Kafka and Temporal dev server. Latency per update: from its request to the journey's state
 * showing it (the first workflow task completed after its signal, read from the journey's
 * history), with the time each hop took; every 20th update is also watched through the
 * journey's `journeyState` query, as a check on the history's figures. Next to it, in the same
 * run, a bare loop signalling the same kind of report straight to journeys on the same worker
 * (what Temporal and the worker alone take). Writes bench/results/employer.json.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import { topics, type EventEnvelope } from '@ladder/events';
import { createKafka } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { guidanceDeadlines, preEmploymentChecks } from '@ladder/vocabulary';
import {
  journeyTaskQueue,
  journeyWorkflowId,
  journeyWorkflowType,
  milestoneReported,
  referralSubmitted,
  type JourneyInput,
} from '@ladder/workflow-contracts';
import { stop } from './lib/child.js';
import {
  planUpdates,
  recordAppliedUpdates,
  stateShows,
  updateKey,
  updatePoints,
  type CheckUpdate,
  type UpdatePoint,
} from './lib/check-updates.js';
import {
  acceptedOffers,
  benchProgrammeId,
  createDatabases,
  createOrganisations,
  engaged,
  journeysIn,
  publishReferrals,
  signalMilestones,
  startEmployerService,
  startJourneyWorker,
  stateOf,
  waitUntil,
} from './lib/employer-journeys.js';
import { HopRecorder, observeKafka } from './lib/journey-hops.js';
import { loadAverage } from './lib/machine.js';
import { mapAtOnce } from './lib/map-at-once.js';
import { paced } from './lib/paced.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack } from './lib/stack.js';
import { percentile, round } from './lib/stats.js';

const employerCount = Number(process.env.BENCH_EMPLOYERS ?? 200);
const rate = Number(process.env.BENCH_RATE ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
/** Every n-th update is also watched through the journey's query (0: none). */
const queryEvery = Number(process.env.BENCH_QUERY_EVERY ?? 20);
const goalP99Ms = 500;
const logger = createLogger({ name: 'bench', level: 'warn' });

const latencies = (hops: HopRecorder<UpdatePoint>, keys: readonly string[], from: UpdatePoint) =>
  keys.flatMap((key) => {
    const t = hops.get(key);
    return t.applied !== undefined && t[from] !== undefined ? [t.applied - t[from]] : [];
  });
const spread = (samples: number[]) => ({
  n: samples.length,
  p50Ms: round(percentile(samples, 50)),
  p99Ms: round(percentile(samples, 99)),
  maxMs: round(Math.max(...samples)),
});

/**
 * Waits (at most 5 minutes) until each journey shows the last update of each of its checks;
 * returns how many never did. It asks every 3 s, and only the journeys still behind, so that a
 * backlog's tail is measured rather than slowed down by the asking.
 */
async function lastUpdatesShown(
  client: Client,
  sent: readonly CheckUpdate[],
  workflowIds: readonly string[],
): Promise<number> {
  const lastOf = new Map<string, CheckUpdate>();
  for (const u of sent) lastOf.set(`${u.journey}|${u.check}`, u);
  let pending = [...lastOf.values()];
  await waitUntil(
    'the journeys to show every update',
    300_000,
    async () => {
      const behind = [...new Set(pending.map((u) => u.journey))];
      const states = new Map(
        await mapAtOnce(
          behind,
          4,
          async (j) => [j, await stateOf(client, workflowIds[j]!)] as const,
        ),
      );
      pending = pending.filter((u) => !stateShows(states.get(u.journey), u));
      return pending.length === 0;
    },
    3_000,
  ).catch((error: Error) => progress(error.message));
  return pending.length;
}

const stack = await benchStack(['postgres', 'kafka', 'temporal']);
const children: ChildProcess[] = [];
try {
  const db = await createDatabases(stack, ['identity', 'employer', 'worker', 'referral']);
  progress(`${employerCount} employers and an operator with keys`);
  const { operator, employers } = await createOrganisations(db.identity, employerCount);
  progress('starting the employer service and the journey worker');
  const url = await startEmployerService(stack, db, children);
  const worker = await startJourneyWorker(stack, db.worker, children);
  const { client, codec } = worker;

  const participantIds = employers.map(() => randomUUID());
  const workflowIds = participantIds.map((p) => journeyWorkflowId(p, benchProgrammeId));
  progress(
    'the programme and the referrals, through Kafka, to the employer service and the worker',
  );
  await publishReferrals(stack, db.referral, operator.id, participantIds, logger);
  const employerDb = new pg.Pool({ connectionString: db.employer, max: 2 });
  await waitUntil('the employer service to know every participant', 120_000, async () => {
    const { rows } = await employerDb.query<{ n: number }>(
      'select count(*)::int as n from programme_participants',
    );
    return rows[0]!.n === employerCount;
  });
  await journeysIn(client, workflowIds, 'engagement');
  await mapAtOnce(workflowIds, 8, (id) => signalMilestones(client, id, engaged));
  await journeysIn(client, workflowIds, 'employability');
  progress('each employer: a site, a slot, a vacancy, a proposal, an offer, accepted (the API)');
  const offers = await acceptedOffers(url, operator, employers, participantIds);
  await journeysIn(client, workflowIds, 'pre-employment-checks');

  // The baseline's journeys: started and moved to the checks by this process alone.
  progress(`baseline: ${employerCount} journeys signalled straight from the benchmark`);
  const bare = await mapAtOnce(employers, 8, async () => {
    const participantId = randomUUID();
    const workflowId = journeyWorkflowId(participantId, 'bench-baseline');
    const input: JourneyInput = {
      referralId: randomUUID(),
      participantId,
      programmeId: 'bench-baseline',
      referrerOrganisationId: 'bench-jobcentre',
      eligible: true,
      deadlines: guidanceDeadlines,
      submittedAt: new Date().toISOString(),
      bankHolidays: [],
    };
    await client.workflow.signalWithStart(journeyWorkflowType, {
      workflowId,
      taskQueue: journeyTaskQueue,
      args: [input],
      signal: referralSubmitted,
      signalArgs: [{ eventId: randomUUID() }],
    });
    await signalMilestones(client, workflowId, [...engaged, 'offer-made', 'offer-accepted']);
    return { workflowId, offerId: randomUUID() };
  });
  await journeysIn(
    client,
    bare.map((b) => b.workflowId),
    'pre-employment-checks',
  );
  const bareHops = new HopRecorder<UpdatePoint>(updatePoints);
  const bareUpdates = planUpdates(
    bare.map((b) => b.offerId),
    rate * baselineSeconds,
  );
  await paced(bareUpdates.length, rate, async (i) => {
    const update = bareUpdates[i]!;
    const { status, owner, dueOn } = update.shows;
    bareHops.set(update.key, 'requested', Date.now());
    await client.workflow.getHandle(bare[update.journey]!.workflowId).signal(milestoneReported, {
      eventId: randomUUID(),
      code: 'check-updated',
      occurredAt: new Date().toISOString(),
      ref: update.offerId,
      check: update.check,
      checkStatus: status,
      ...(owner ? { checkOwner: owner } : {}),
      ...(dueOn ? { dueAt: `${dueOn}T00:00:00.000Z` } : {}),
    });
    bareHops.set(update.key, 'answered', Date.now());
  });
  // The baseline's backlog drains before the measured run starts.
  const bareNotShown = await lastUpdatesShown(
    client,
    bareUpdates,
    bare.map((b) => b.workflowId),
  );

  // The measured run.
  const hops = new HopRecorder<UpdatePoint>(updatePoints);
  const kafka = createKafka({ brokers: stack.endpoints.kafka.brokers, clientId: 'bench', logger });
  const stopObserving = await observeKafka(
    kafka,
    topics.employers.name,
    hops,
    (event: EventEnvelope) => {
      const d = event.data as {
        offerId?: string;
        check?: string;
        status?: string;
        dueOn?: string | null;
      };
      return updateKey(d.offerId ?? '', d.check ?? '', d.status ?? '', d.dueOn);
    },
  );
  const updates = planUpdates(
    offers.map((o) => o.offerId),
    rate * seconds,
  );
  const queried = new Map<string, number>();
  let overtaken = 0;
  /**
   * Polls the journey's query (for at most 60 s) until it shows update `i` or a later update of
   * the same check (which the journey can only have applied after it: one check's events keep
   * their order), counting those seen only through a later one. The polls start 25 ms apart and
   * spread out (x1.5, at most 500 ms) while it waits, so that a backlog is not made worse by the
   * queries themselves: a slow update's figure is then up to 500 ms late.
   */
  const watch = async (i: number): Promise<void> => {
    const update = updates[i]!;
    const sameCheck = updates.filter(
      (u, j) => j >= i && u.journey === update.journey && u.check === update.check,
    );
    const deadline = Date.now() + 60_000;
    for (let pause = 25; Date.now() < deadline; pause = Math.min(pause * 1.5, 500)) {
      const state = await stateOf(client, offers[update.journey]!.workflowId);
      const shown = sameCheck.find((u) => stateShows(state, u));
      if (shown) {
        queried.set(update.key, Date.now());
        if (shown !== update) overtaken += 1;
        return;
      }
      await new Promise((r) => setTimeout(r, pause));
    }
  };
  const loadBefore = loadAverage();
  progress(`measured: ${updates.length} check updates at ${rate}/s for ${seconds} s`);
  const run = await paced(updates.length, rate, async (i) => {
    const update = updates[i]!;
    const offer = offers[update.journey]!;
    hops.set(update.key, 'requested', Date.now());
    const response = await fetch(`${url}/v1/offers/${offer.offerId}/checks/${update.check}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${offer.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(update.body),
    });
    const text = await response.text();
    hops.set(update.key, 'answered', Date.now());
    if (queryEvery > 0 && i % queryEvery === 0 && response.status === 200) await watch(i);
    return response.status === 200 ? undefined : `${response.status} ${text.slice(0, 200)}`;
  });
  const loadAfter = loadAverage();
  const ok = updates.filter((_, i) => run.results[i] === undefined);

  progress(`waiting for the journeys to show the last of ${ok.length} updates`);
  const notShown = await lastUpdatesShown(
    client,
    ok,
    offers.map((o) => o.workflowId),
  );
  await stopObserving();

  progress("reading the employer's outbox and the journeys' histories");
  const { rows } = await employerDb.query<{
    offer_id: string;
    check_kind: string;
    status: string;
    due_on: string | null;
    created: number;
    published: number | null;
  }>(
    `select payload->'data'->>'offerId' as offer_id, payload->'data'->>'check' as check_kind,
       payload->'data'->>'status' as status, payload->'data'->>'dueOn' as due_on,
       extract(epoch from created_at)::float8 * 1000 as created,
       extract(epoch from published_at)::float8 * 1000 as published
     from ladder_outbox where payload->>'type' = 'EmploymentCheckUpdated'`,
  );
  for (const row of rows) {
    const key = updateKey(row.offer_id, row.check_kind, row.status, row.due_on);
    hops.set(key, 'outboxWritten', row.created);
    if (row.published !== null) hops.set(key, 'relayRead', row.published);
  }
  await employerDb.end();
  await recordAppliedUpdates(
    client,
    codec,
    offers.map((o) => o.workflowId),
    hops,
  );
  await recordAppliedUpdates(
    client,
    codec,
    bare.map((b) => b.workflowId),
    bareHops,
  );
  await worker.close();

  const keys = ok.map((u) => u.key);
  const endToEnd = latencies(hops, keys, 'requested');
  const lost = keys.filter((k) => hops.get(k).applied === undefined).length;
  const watched = [...queried].map(([key, at]) => at - hops.get(key).requested!);
  const watchedCount = updates.filter(
    (_, i) => queryEvery > 0 && i % queryEvery === 0 && run.results[i] === undefined,
  ).length;
  const baseline = latencies(
    bareHops,
    bareUpdates.map((u) => u.key),
    'requested',
  );
  const p99 = percentile(endToEnd, 99);
  const errors = run.results.filter((r) => r !== undefined);
  writeResult('employer', {
    command: 'npm run bench -- employer',
    employers: employerCount,
    checks: employerCount * preEmploymentChecks.length,
    ratePerSec: rate,
    seconds,
    achievedRatePerSec: round(updates.length / run.sendSeconds, 1),
    updates: updates.length,
    answered200: ok.length,
    errors: errors.length,
    errorKinds: Object.fromEntries(
      [...new Set(errors)].map((e) => [e, errors.filter((x) => x === e).length]),
    ),
    p50Ms: round(percentile(endToEnd, 50)),
    p99Ms: round(p99),
    maxMs: round(Math.max(...endToEnd)),
    lost,
    finalStateNotShown: notShown,
    // Every `queryEvery`-th update, watched through the journey's query (polls 25 to 500 ms apart).
    queried: {
      ...spread(watched),
      watched: watchedCount,
      neverShown: watchedCount - watched.length,
      seenThroughALaterUpdate: overtaken,
    },
    // Request to the employer service's answer.
    apiMs: spread(
      keys.flatMap((k) => {
        const t = hops.get(k);
        return t.answered !== undefined ? [t.answered - t.requested!] : [];
      }),
    ),
    hops: hops.summary(keys),
    baseline: {
      what: 'signal of the same report straight from the benchmark to journeys on the same worker, at the same rate, before the measured run',
      seconds: baselineSeconds,
      signals: bareUpdates.length,
      ...spread(baseline),
      lost: bareUpdates.length - baseline.length,
      finalStateNotShown: bareNotShown,
    },
    loadAverage: { before: loadBefore, after: loadAfter },
    goals: {
      p99MsUnder: goalP99Ms,
      atRatePerSec: 100,
      lost: 0,
      met: p99 < goalP99Ms && lost === 0 && errors.length === 0 && notShown === 0,
    },
  });
} finally {
  for (const child of children.reverse()) await stop(child);
  await stack.stop();
}
