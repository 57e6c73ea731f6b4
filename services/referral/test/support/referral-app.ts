import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, migrate, type Pool } from '@ladder/db';
import { topics } from '@ladder/events';
import { OutboxRelay, createKafka, ensureTopics, type Kafka } from '@ladder/kafka';
import { migrateIdempotency } from '@ladder/idempotency';
import type { HttpApp } from '@ladder/http';
import { createLogger, type Logger } from '@ladder/logger';
import { createTestDatabase, testStack, type TestDatabase } from '@ladder/testing';
import { buildApp } from '../../src/app.js';
import { parseKeyRing, type KeyRing } from '@ladder/crypto';
import { ParticipantVault } from '../../src/crypto/participant-vault.js';
import { createProgramme } from '../../src/db/programmes.repository.js';
import { programmeRulesSchema } from '../../src/domain/programme-rules.js';
import type { ReferralDeps } from '../../src/use-cases/deps.js';
import type { DestinationPolicy } from '../../src/webhooks/destination-guard.js';
import { FirstReferralWriter } from '../../src/use-cases/first-referral-writer.js';
import { cachedProgrammes } from '../../src/use-cases/programme-cache.js';

export const programmeId = 'blmk-step-into-health';

export const demoRules = programmeRulesSchema.parse({
  name: 'Stepping Into Health and Care Careers',
  ageRange: { min: 16, max: 30 },
  eligibleGroups: ['neet', 'care-experienced', 'send', 'long-term-unemployed'],
  areas: ['LU', 'MK', 'SG'],
  deadlines: {},
});

export interface Caller {
  organisationId: string;
  apiKey: string;
}

export interface ReferralTestApp {
  app: HttpApp;
  deps: ReferralDeps & { ring: KeyRing; webhookDestinations: DestinationPolicy };
  pool: Pool;
  db: TestDatabase;
  /** The organisations and their keys, for a service process started on the same databases. */
  identityDb: TestDatabase;
  /** Everything the service logged, to search for personal data. */
  logs: string[];
  jobCentre: Caller;
  otherJobCentre: Caller;
  operator: Caller;
  otherOperator: Caller;
  readOnly: Caller;
  /** Refers someone (`referralBody` with the overrides) as the Job Centre; throws unless 201. */
  refer(
    overrides?: Parameters<typeof referralBody>[0],
  ): Promise<{ id: string; participantId: string }>;
  /** Publishes everything in the outbox to Kafka (the real relay), and gives the client. */
  relayOutbox(clientId: string): Promise<Kafka>;
  close(): Promise<void>;
}

function capturingLogger(lines: string[]): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return createLogger({ name: 'referral-service', level: 'debug' }, stream);
}

/** The referral API on fresh databases, with organisations of every kind and their API keys. */
export async function startReferralApp(
  options: { rateLimitPerMinute?: number } = {},
): Promise<ReferralTestApp> {
  const db = await createTestDatabase('referral');
  const identity = await createTestDatabase('identity');
  await migrate({
    databaseUrl: db.url,
    dir: new URL('../../migrations', import.meta.url).pathname,
  });
  await migrateIdempotency(db.url);
  await migrateIdentity(identity.url);
  const pool = createPool(db.url, { max: 10 });
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const logs: string[] = [];
  const logger = capturingLogger(logs);
  const ring = parseKeyRing(`test-1:${randomBytes(32).toString('base64')}`);
  const reportingKeys = parseKeyRing(`reporting-1:${randomBytes(32).toString('base64')}`);

  const organisation = async (
    name: string,
    kind: 'job-centre' | 'programme-operator',
    grants: string[],
  ): Promise<Caller> => {
    const org = await store.createOrganisation({ name, kind });
    const { apiKey } = await store.createApiKey({
      organisationId: org.id,
      scopes: grants,
      label: 'test',
    });
    return { organisationId: org.id, apiKey };
  };
  const referrerScopes = [
    scopes.referralsWrite,
    scopes.referralsRead,
    scopes.programmesRead,
    scopes.webhooksManage,
    scopes.consentManage,
  ];
  const operatorScopes = [
    scopes.programmesRead,
    scopes.programmesWrite,
    scopes.participantsErase,
    scopes.consentManage,
  ];
  const jobCentre = await organisation('Luton Jobcentre Plus', 'job-centre', referrerScopes);
  const otherJobCentre = await organisation('Bedford Jobcentre Plus', 'job-centre', referrerScopes);
  const operator = await organisation(
    'BLMK Health and Care Academy',
    'programme-operator',
    operatorScopes,
  );
  const otherOperator = await organisation(
    'Northamptonshire ICB',
    'programme-operator',
    operatorScopes,
  );
  const readOnly = await organisation('Read-only Jobcentre', 'job-centre', [scopes.referralsRead]);
  await createProgramme(pool, {
    id: programmeId,
    operatorOrganisationId: operator.organisationId,
    rules: demoRules,
  });

  const deps = {
    pool,
    vault: new ParticipantVault(ring),
    reportingKeys,
    matchingKey: createSecretKey(randomBytes(32)),
    logger,
    now: () => new Date(),
    idempotencyKeepDays: 7,
    programmes: cachedProgrammes(0),
    firstReferrals: new FirstReferralWriter(pool, { maxInFlight: 2, maxBatch: 100 }),
    ring,
    // Test receivers listen on 127.0.0.1: exempt that host by configuration, as development does.
    // Tests reach no DNS server: names resolve from this table, as a resolver would answer.
    webhookDestinations: {
      allowHttp: true,
      allowedPrivateHosts: new Set(['127.0.0.1']),
      resolve: testResolver,
    },
  };
  const app = await buildApp({
    ...deps,
    store,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    isReady: () => Promise.resolve(true),
  });
  await app.ready();
  return {
    app,
    deps,
    pool,
    db,
    identityDb: identity,
    logs,
    jobCentre,
    otherJobCentre,
    operator,
    otherOperator,
    readOnly,
    async refer(overrides = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/referrals',
        headers: { ...bearer(jobCentre), 'idempotency-key': randomUUID() },
        payload: referralBody(overrides),
      });
      if (response.statusCode !== 201)
        throw new Error(`referral refused: ${response.statusCode} ${response.body}`);
      return response.json<{ id: string; participantId: string }>();
    },
    async relayOutbox(clientId) {
      const kafka = createKafka({ brokers: testStack().kafka.brokers, clientId, logger });
      await ensureTopics(kafka, [topics.referrals]);
      const relay = new OutboxRelay({ pool, databaseUrl: db.url, kafka, logger });
      await relay.start();
      const deadline = Date.now() + 60_000;
      while ((await relay.backlog()).rows > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      await relay.stop();
      return kafka;
    },
    async close() {
      await app.close();
      await pool.end();
      await identityPool.end();
      await db.drop();
      await identity.drop();
    },
  };
}

/** Public addresses for the example names tests register (never connected to), and localhost. */
const testNames: Record<string, string[]> = {
  'hooks.example.org': ['93.184.215.14'],
  localhost: ['127.0.0.1', '::1'],
};
const testResolver = (hostname: string): Promise<string[]> => {
  const found = testNames[hostname];
  return found ? Promise.resolve(found) : Promise.reject(new Error(`ENOTFOUND ${hostname}`));
};

let counter = 0;

/** A valid referral body; each call makes a different person unless `person` says otherwise. */
export function referralBody(
  overrides: { person?: Record<string, unknown>; [key: string]: unknown } = {},
) {
  counter += 1;
  const { person, ...rest } = overrides;
  return {
    programmeId,
    person: {
      givenName: 'Alex',
      familyName: `Morgan-${counter}-${randomBytes(3).toString('hex')}`,
      dateOfBirth: '2003-05-17',
      email: 'alex.morgan@example.org',
      phone: '+44 7700 900123',
      postcode: 'LU1 3JH',
      ...person,
    },
    priorityGroups: ['neet', 'neurodivergent'],
    reasonableAdjustments: ['written instructions', 'quiet room for interviews'],
    workCoach: { name: 'Priya Shah', email: 'priya.shah@jobcentre.example', office: 'Luton' },
    consent: {
      purposes: ['programme-delivery', 'training', 'work-placement'],
      recipients: ['programme-operator', 'training-provider', 'employer'],
      givenAt: '2026-11-20T09:00:00Z',
      expiresAt: '2027-11-20T09:00:00Z',
    },
    notes: 'Interested in pharmacy support roles.',
    ...rest,
  };
}

export const bearer = (caller: Caller): Record<string, string> => ({
  authorization: `Bearer ${caller.apiKey}`,
});

/** A fresh random NI number of the valid form. */
export function niNumber(): string {
  const digits = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  return `QQ${digits}C`;
}
