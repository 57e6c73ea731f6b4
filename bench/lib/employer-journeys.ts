/**
 * The employer benchmark's world: the real employer service and the real journey worker (with its
 * bridge) in their own processes, a programme and its referrals published as the referral service
 * publishes them, and employers that reach accepted offers through the employer API, each with a
 * journey waiting in the pre-employment checks.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import { Client, Connection } from '@temporalio/client';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { parseKeyRing } from '@ladder/crypto';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import { appendToOutbox, createPool, migrate, withTransaction } from '@ladder/db';
import {
  createEnvelope,
  programmeRulesPublishedV1,
  referralSubmittedV3,
  topics,
} from '@ladder/events';
import type { ThrowawayStack } from '@ladder/infra';
import { OutboxRelay, createKafka } from '@ladder/kafka';
import type { Logger } from '@ladder/logger';
import { guidanceDeadlines, type MilestoneCode, type Stage } from '@ladder/vocabulary';
import {
  journeyState,
  journeyWorkflowId,
  milestoneReported,
  type JourneyState,
} from '@ladder/workflow-contracts';
import { runTs, waitForHttp } from './child.js';
import { mapAtOnce } from './map-at-once.js';
import { progress } from './report.js';
import { createDatabase } from './stack.js';

const repo = new URL('../../', import.meta.url);
export const benchProgrammeId = 'bench-programme';

export interface Organisation {
  id: string;
  apiKey: string;
}

/** A programme operator and `count` employers, each with an employment key. */
export async function createOrganisations(
  identityDb: string,
  count: number,
): Promise<{ operator: Organisation; employers: Organisation[] }> {
  await migrateIdentity(identityDb);
  const pool = createPool(identityDb);
  const store = new CredentialStore(pool);
  const keyed = async (name: string, kind: 'employer' | 'programme-operator') => {
    const { id } = await store.createOrganisation({ name, kind });
    const { apiKey } = await store.createApiKey({
      organisationId: id,
      scopes: [scopes.employmentRead, scopes.employmentWrite],
    });
    return { id, apiKey };
  };
  const operator = await keyed('Bench Academy', 'programme-operator');
  const employers = await mapAtOnce(
    Array.from({ length: count }, (_, i) => i),
    8,
    (i) => keyed(`Bench Trust ${i + 1}`, 'employer'),
  );
  await pool.end();
  return { operator, employers };
}

/**
 * Starts a deployable of the repository (`folder`, its `src/main.ts`) in its own process on the
 * bench stack, with the service kit's settings, its database and `env`; waits for its `/ready`.
 * Its address.
 */
async function startDeployable(
  folder: string,
  stack: ThrowawayStack,
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
  readyWithinMs: number,
): Promise<string> {
  const port = await getPort();
  children.push(
    runTs(
      'src/main.ts',
      {
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(await getPort()),
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: stack.endpoints.kafka.brokers.join(','),
        ...env,
      },
      new URL(folder, repo).pathname,
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`, readyWithinMs);
  return url;
}

/** The real employer service in its own process; its address. */
export function startEmployerService(
  stack: ThrowawayStack,
  databases: { employer: string; identity: string },
  children: ChildProcess[],
): Promise<string> {
  const env = {
    IDENTITY_DATABASE_URL: databases.identity,
    // Nothing here asks for a participant's view (no interviews are read).
    REFERRAL_SERVICE_URL: 'http://127.0.0.1:9',
    PARTICIPANT_VIEW_API_KEY: 'not-used-by-this-benchmark',
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  return startDeployable('services/employer/', stack, databases.employer, env, children, 120_000);
}

/**
 * The real journey worker in its own process (the workflows, the referral and employer bridges,
 * its relay), and a client that reads and signals its journeys with the same payload codec.
 */
export async function startJourneyWorker(
  stack: ThrowawayStack,
  databaseUrl: string,
  children: ChildProcess[],
): Promise<{ client: Client; codec: AesGcmCodec; close: () => Promise<void> }> {
  const codecKeys = `bench:${randomBytes(32).toString('base64')}`;
  const env = {
    TEMPORAL_ADDRESS: stack.endpoints.temporal.address,
    TEMPORAL_NAMESPACE: stack.endpoints.temporal.namespace,
    CODEC_KEYS: codecKeys,
    // The worker refuses to start its codec endpoint open to anyone; the bench never calls it.
    CODEC_TOKEN: randomBytes(24).toString('base64url'),
  };
  // The worker bundles its workflows at start, which takes a while on a busy machine.
  await startDeployable('workflows/', stack, databaseUrl, env, children, 300_000);
  const codec = new AesGcmCodec(parseKeyRing(codecKeys));
  const connection = await Connection.connect({ address: stack.endpoints.temporal.address });
  const client = new Client({
    connection,
    namespace: stack.endpoints.temporal.namespace,
    dataConverter: { payloadCodecs: [codec] },
  });
  return { client, codec, close: () => connection.close() };
}

/**
 * Publishes the programme and one referral per participant on the referrals topic, through an
 * outbox and relay as the referral service does: the employer service keeps who is in the
 * programme, and the worker's bridge starts each journey.
 */
export async function publishReferrals(
  stack: ThrowawayStack,
  databaseUrl: string,
  operatorId: string,
  participantIds: readonly string[],
  logger: Logger,
): Promise<void> {
  await migrate({ databaseUrl });
  const pool = createPool(databaseUrl, { max: 4 });
  const kafka = createKafka({ brokers: stack.endpoints.kafka.brokers, clientId: 'bench', logger });
  const relay = new OutboxRelay({ pool, databaseUrl, kafka, logger });
  await relay.start();
  const context = (subject: string) => ({
    source: 'referral-service',
    subject,
    correlationId: randomUUID(),
  });
  const now = new Date().toISOString();
  await withTransaction(pool, (tx) =>
    appendToOutbox(tx, [
      {
        topic: topics.referrals.name,
        envelope: createEnvelope(
          programmeRulesPublishedV1,
          {
            programmeId: benchProgrammeId,
            version: 1,
            operatorOrganisationId: operatorId,
            rules: {
              ageRange: { min: 16, max: 67 },
              eligibleGroups: [],
              areas: [],
              deadlines: guidanceDeadlines,
              training: {
                seatOfferResponseHours: 48,
                atRiskAfterAbsencesInARow: 3,
                providerMayEnrolDirectly: false,
              },
              employment: {
                checkDueDays: 28,
                sustainmentResponseDays: 10,
                sustainmentMarkDays: { '13': 91, '26': 182 },
              },
            },
          },
          context(benchProgrammeId),
        ),
      },
      ...participantIds.map((participantId) => ({
        topic: topics.referrals.name,
        envelope: createEnvelope(
          referralSubmittedV3,
          {
            referralId: randomUUID(),
            participantId,
            programmeId: benchProgrammeId,
            programmeVersion: 1,
            referrerOrganisationId: 'bench-jobcentre',
            eligibility: { decision: 'eligible', reasonCodes: [] },
            deadlines: guidanceDeadlines,
            bankHolidayRegion: 'england-and-wales',
            submittedAt: now,
          },
          context(participantId),
        ),
      })),
    ]),
  );
  await waitUntil('the referrals to be published', 60_000, async () => {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from ladder_outbox where published_at is null`,
    );
    return rows[0]!.n === 0;
  });
  await relay.stop();
  await pool.end();
}

/** Polls `ready` every `everyMs` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
  everyMs = 500,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The journey's state, or undefined while it has not started. */
export async function stateOf(
  client: Client,
  workflowId: string,
): Promise<JourneyState | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).query(journeyState);
  } catch {
    return undefined;
  }
}

/** Waits until every journey is in `stage`. */
export async function journeysIn(
  client: Client,
  workflowIds: readonly string[],
  stage: Stage,
  timeoutMs = 180_000,
): Promise<void> {
  let waiting = [...workflowIds];
  await waitUntil(`${waiting.length} journeys to reach ${stage}`, timeoutMs, async () => {
    const states = await mapAtOnce(waiting, 8, (id) => stateOf(client, id));
    waiting = waiting.filter((_, i) => states[i]?.stage !== stage);
    return waiting.length === 0;
  });
}

/** Signals milestones to a journey in turn, as the referral service and ops would. */
export async function signalMilestones(
  client: Client,
  workflowId: string,
  codes: readonly MilestoneCode[],
  by = 'bench-academy',
): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  for (const code of codes)
    await handle.signal(milestoneReported, {
      eventId: randomUUID(),
      code,
      occurredAt: new Date().toISOString(),
      by,
    });
}

/** Engagement's milestones: the journey then waits in employability support. */
export const engaged = ['acknowledged', 'first-contact', 'action-plan-agreed'] as const;

/** One employer's part: its key, its participant, the accepted offer and the journey. */
export interface EmployerWithOffer {
  apiKey: string;
  participantId: string;
  offerId: string;
  workflowId: string;
}

/** A call to the employer API that must answer `expected`; its JSON body. */
export async function callApi<T>(
  url: string,
  apiKey: string,
  method: string,
  path: string,
  expected: number,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      'idempotency-key': randomUUID(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Each employer, through the employer API: a site, a placement slot and a vacancy; the operator
 * proposes the employer's participant for the slot; the employer makes an offer of the vacancy
 * and records it accepted, which starts the six checks. 8 employers at a time.
 */
export async function acceptedOffers(
  url: string,
  operator: Organisation,
  employers: readonly Organisation[],
  participantIds: readonly string[],
): Promise<EmployerWithOffer[]> {
  return mapAtOnce(employers, 8, async (employer, i) => {
    const participantId = participantIds[i]!;
    const call = <T>(method: string, path: string, expected: number, body?: unknown) =>
      callApi<T>(url, employer.apiKey, method, path, expected, body);
    const site = await call<{ id: string }>('POST', '/v1/sites', 201, {
      name: `Bench Hospital ${i + 1}`,
      postcodeArea: 'LU4',
    });
    const slot = await call<{ id: string }>('POST', '/v1/placement-slots', 201, {
      siteId: site.id,
      kind: 'work-experience',
      roleArea: 'healthcare-support-worker',
      startsOn: day(14),
      endsOn: day(28),
      hoursPerWeek: 20,
      capacity: 1,
    });
    const vacancy = await call<{ id: string }>('POST', '/v1/vacancies', 201, {
      siteId: site.id,
      role: 'healthcare-support-worker',
      band: 'band-2',
      hoursPerWeek: 30,
      posts: 1,
      closesOn: day(60),
    });
    const ask = { participantId, programmeId: benchProgrammeId };
    await callApi(
      url,
      operator.apiKey,
      'POST',
      `/v1/placement-slots/${slot.id}/placements`,
      201,
      ask,
    );
    const offer = await call<{ id: string }>(
      'POST',
      `/v1/vacancies/${vacancy.id}/offers`,
      201,
      ask,
    );
    await call('POST', `/v1/offers/${offer.id}/accept`, 200);
    return {
      apiKey: employer.apiKey,
      participantId,
      offerId: offer.id,
      workflowId: journeyWorkflowId(participantId, benchProgrammeId),
    };
  });
}

/** A database on the stack for each name; their URLs by name. */
export async function createDatabases<N extends string>(
  stack: ThrowawayStack,
  names: readonly N[],
): Promise<Record<N, string>> {
  const urls = await mapAtOnce(names, 1, (name) =>
    createDatabase(stack.endpoints.postgres.url, `bench_${name}`),
  );
  progress(`databases: ${names.join(', ')}`);
  return Object.fromEntries(names.map((n, i) => [n, urls[i]!])) as Record<N, string>;
}
