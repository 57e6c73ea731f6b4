import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import { createLogger, type Logger } from '@ladder/logger';
import { createParticipantViewClient, type ParticipantViewClient } from '@ladder/participant-view';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import type { JourneyDeadlines, OrganisationKind } from '@ladder/vocabulary';
import { journeyDeadlinesWithDefaultsSchema } from '@ladder/vocabulary/schemas';
import type { ProgrammeCopies, ProgrammeCopy, ProgrammeSection } from './programme-copy.js';

/** An organisation a test acts as, with an API key. */
export interface Caller {
  organisationId: string;
  apiKey: string;
}

/** What the use cases of a service over a programme copy need (training, employer). */
export interface ServiceTestDeps {
  pool: Pool;
  logger: Logger;
  now: () => Date;
  idempotencyKeepDays: number;
  participantViews: ParticipantViewClient;
}

/** What such a service's `buildApp` takes on top of its use cases' needs. */
export interface ServiceTestAppDeps extends ServiceTestDeps {
  store: CredentialStore;
  rateLimitPerMinute: number;
  isReady: () => Promise<boolean>;
}

export interface ProgrammeCopyTestApp {
  app: HttpApp;
  deps: ServiceTestDeps;
  pool: Pool;
  db: TestDatabase;
  identityDb: TestDatabase;
  store: CredentialStore;
  /** Every line the service logged (to prove what it never logs). */
  logs: string[];
  /** A new organisation of this kind with the service's scopes. */
  organisation(name: string, kind: OrganisationKind): Promise<Caller>;
  /**
   * Adds a programme operated by `operator` with these settings of the service's section and
   * these deadlines (each left out is the guidance value), as ProgrammeRulesPublished would.
   */
  programme(
    operator: Caller,
    settings?: Record<string, unknown>,
    deadlines?: Partial<JourneyDeadlines>,
  ): Promise<string>;
  /** A new participant in the programme (as ReferralSubmitted would record). */
  participant(programmeId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A service's API on fresh databases (its own and the identity store), for integration tests of
 * the services that act for programmes. The participant view goes to `participantViews` (a real
 * referral service where a test needs one) or nowhere.
 */
export async function startProgrammeCopyTestApp<S extends ProgrammeSection>(options: {
  /** The service's short name: its database prefix; the logger is `<name>-service`. */
  name: string;
  programmes: ProgrammeCopies<S>;
  migrate: (databaseUrl: string) => Promise<void>;
  buildApp: (deps: ServiceTestAppDeps) => Promise<HttpApp>;
  /** The scopes every test organisation's key has. */
  scopes: readonly string[];
  participantViews?: ParticipantViewClient;
  /** An identity database shared with another app (a referral service) the test runs. */
  identityDb?: TestDatabase;
}): Promise<ProgrammeCopyTestApp> {
  const db = await createTestDatabase(options.name);
  const identity = options.identityDb ?? (await createTestDatabase('identity'));
  await options.migrate(db.url);
  await migrateIdentity(identity.url);
  const pool = createPool(db.url, { max: 10 });
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const logs: string[] = [];
  const logger = createLogger(
    { name: `${options.name}-service`, level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const deps: ServiceTestDeps = {
    pool,
    logger,
    now: () => new Date(),
    idempotencyKeepDays: 7,
    participantViews:
      options.participantViews ??
      createParticipantViewClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'unused' }),
  };
  const app = await options.buildApp({
    ...deps,
    store,
    rateLimitPerMinute: 1_000_000,
    isReady: () => Promise.resolve(true),
  });
  await app.ready();
  let programmes = 0;
  return {
    app,
    deps,
    pool,
    db,
    identityDb: identity,
    store,
    logs,
    async organisation(name, kind) {
      const org = await store.createOrganisation({ name, kind });
      const { apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: [...options.scopes],
        label: 'test',
      });
      return { organisationId: org.id, apiKey };
    },
    async programme(operator, settings = {}, deadlines) {
      programmes += 1;
      const id = `programme-${programmes}-${randomUUID().slice(0, 8)}`;
      await options.programmes.storeProgramme(pool, {
        id,
        operatorOrganisationId: operator.organisationId,
        version: 1,
        // None given: a copy stored before ProgrammeRulesPublished carried deadlines.
        deadlines: deadlines ? journeyDeadlinesWithDefaultsSchema.parse(deadlines) : null,
        [options.programmes.section]: options.programmes.parseSettings(settings),
      } as ProgrammeCopy<S>);
      return id;
    },
    async participant(programmeId) {
      const participantId = randomUUID();
      await options.programmes.storeProgrammeParticipant(pool, {
        participantId,
        programmeId,
        referralId: randomUUID(),
      });
      return participantId;
    },
    async close() {
      await app.close();
      await pool.end();
      await identityPool.end();
      await db.drop();
      if (!options.identityDb) await identity.drop();
    },
  };
}

export const bearer = (caller: Caller): Record<string, string> => ({
  authorization: `Bearer ${caller.apiKey}`,
});

/** The caller's key and an Idempotency-Key (a fresh one unless a retry is meant). */
export const withKey = (caller: Caller, key: string = randomUUID()): Record<string, string> => ({
  ...bearer(caller),
  'idempotency-key': key,
});

/** The events the service wrote to its outbox, of one type, oldest first. */
export async function outboxEvents(pool: Pool, type: string) {
  const { rows } = await pool.query<{
    message_key: string;
    payload: { type: string; subject: string; data: Record<string, unknown> };
  }>(`select message_key, payload from ladder_outbox where payload->>'type' = $1 order by id`, [
    type,
  ]);
  return rows;
}
