import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import { createLogger } from '@ladder/logger';
import { createParticipantViewClient, type ParticipantViewClient } from '@ladder/participant-view';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import {
  guidanceDeadlines,
  type JourneyDeadlines,
  type OrganisationKind,
} from '@ladder/vocabulary';
import { programmeEmploymentSettingsSchema } from '@ladder/vocabulary/schemas';
import { buildApp } from '../../src/app.js';
import { storeProgramme, storeProgrammeParticipant } from '../../src/db/programmes.repository.js';
import { migrateEmployer } from '../../src/migrate.js';
import type { EmployerDeps } from '../../src/use-cases/deps.js';

export interface Caller {
  organisationId: string;
  apiKey: string;
}

export interface EmployerTestApp {
  app: HttpApp;
  deps: EmployerDeps;
  pool: Pool;
  db: TestDatabase;
  identityDb: TestDatabase;
  store: CredentialStore;
  logs: string[];
  employer: Caller;
  otherEmployer: Caller;
  operator: Caller;
  otherOperator: Caller;
  jobCentre: Caller;
  /**
   * Adds a programme operated by `operator` with these employment settings and deadlines (none:
   * a copy stored before ProgrammeRulesPublished carried them, so the guidance applies).
   */
  programme(
    settings?: Record<string, unknown>,
    operator?: Caller,
    deadlines?: Partial<JourneyDeadlines>,
  ): Promise<string>;
  /** A new participant in the programme (as ReferralSubmitted would record). */
  participant(programmeId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The employer API on fresh databases with organisations of each kind. The participant view goes
 * to `participantViews` (a real referral service where a test needs one) or nowhere.
 */
export async function startEmployerApp(
  options: { participantViews?: ParticipantViewClient; identityDb?: TestDatabase } = {},
): Promise<EmployerTestApp> {
  const db = await createTestDatabase('employer');
  const identity = options.identityDb ?? (await createTestDatabase('identity'));
  await migrateEmployer(db.url);
  await migrateIdentity(identity.url);
  const pool = createPool(db.url, { max: 10 });
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const logs: string[] = [];
  const logger = createLogger(
    { name: 'employer-service', level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const organisation = async (name: string, kind: OrganisationKind): Promise<Caller> => {
    const org = await store.createOrganisation({ name, kind });
    const { apiKey } = await store.createApiKey({
      organisationId: org.id,
      scopes: [scopes.employmentRead, scopes.employmentWrite],
      label: 'test',
    });
    return { organisationId: org.id, apiKey };
  };
  const employer = await organisation('Bedfordshire Hospitals NHS Foundation Trust', 'employer');
  const otherEmployer = await organisation('University Hospitals Birmingham', 'employer');
  const operator = await organisation('BLMK Health and Care Academy', 'programme-operator');
  const otherOperator = await organisation(
    'West Midlands Combined Authority',
    'programme-operator',
  );
  const jobCentre = await organisation('Luton Jobcentre Plus', 'job-centre');

  const deps: EmployerDeps = {
    pool,
    logger,
    now: () => new Date(),
    idempotencyKeepDays: 7,
    participantViews:
      options.participantViews ??
      createParticipantViewClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'unused' }),
  };
  const app = await buildApp({
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
    employer,
    otherEmployer,
    operator,
    otherOperator,
    jobCentre,
    async programme(settings = {}, by = operator, deadlines) {
      programmes += 1;
      const id = `programme-${programmes}-${randomUUID().slice(0, 8)}`;
      await storeProgramme(pool, {
        id,
        operatorOrganisationId: by.organisationId,
        version: 1,
        employment: programmeEmploymentSettingsSchema.parse(settings),
        ...(deadlines ? { deadlines: { ...guidanceDeadlines, ...deadlines } } : {}),
      });
      return id;
    },
    async participant(programmeId) {
      const participantId = randomUUID();
      await storeProgrammeParticipant(pool, {
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

export const withKey = (caller: Caller, key: string = randomUUID()): Record<string, string> => ({
  ...bearer(caller),
  'idempotency-key': key,
});

/** A site of the employer's and a placement slot there of `capacity` places; their ids. */
export async function siteWithSlot(
  t: EmployerTestApp,
  capacity: number,
  by: Caller = t.employer,
): Promise<{ siteId: string; slotId: string }> {
  const site = await t.app.inject({
    method: 'POST',
    url: '/v1/sites',
    headers: withKey(by),
    payload: { name: 'Luton and Dunstable University Hospital', postcodeArea: 'LU4' },
  });
  if (site.statusCode !== 201) throw new Error(`site: ${site.statusCode} ${site.body}`);
  const siteId = site.json<{ id: string }>().id;
  const slot = await t.app.inject({
    method: 'POST',
    url: '/v1/placement-slots',
    headers: withKey(by),
    payload: {
      siteId,
      kind: 'work-experience',
      roleArea: 'healthcare-support-worker',
      startsOn: '2027-02-01',
      endsOn: '2027-02-26',
      hoursPerWeek: 20,
      capacity,
    },
  });
  if (slot.statusCode !== 201) throw new Error(`slot: ${slot.statusCode} ${slot.body}`);
  return { siteId, slotId: slot.json<{ id: string }>().id };
}

/** Proposes a participant for a slot, as the operator unless told otherwise. */
export async function propose(
  t: EmployerTestApp,
  slotId: string,
  programmeId: string,
  participantId: string,
  by: Caller = t.operator,
) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/placement-slots/${slotId}/placements`,
    headers: withKey(by),
    payload: { participantId, programmeId },
  });
}

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

/** A vacancy at a site of the employer's; its id and the site's. */
export async function vacancyAt(
  t: EmployerTestApp,
  by: Caller = t.employer,
): Promise<{ siteId: string; vacancyId: string }> {
  const { siteId } = await siteWithSlot(t, 1, by);
  const vacancy = await t.app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: withKey(by),
    payload: {
      siteId,
      role: 'healthcare-support-worker',
      band: 'band-2',
      hoursPerWeek: 30,
      posts: 3,
      closesOn: '2027-03-31',
    },
  });
  if (vacancy.statusCode !== 201) throw new Error(`vacancy: ${vacancy.statusCode} ${vacancy.body}`);
  return { siteId, vacancyId: vacancy.json<{ id: string }>().id };
}

/** A participant of a new programme, proposed by its operator for a placement at the employer. */
export async function proposedParticipant(
  t: EmployerTestApp,
  deadlines?: Partial<JourneyDeadlines>,
  settings: Record<string, unknown> = {},
): Promise<{ programmeId: string; participantId: string }> {
  const programmeId = await t.programme(settings, t.operator, deadlines);
  const participantId = await t.participant(programmeId);
  const { slotId } = await siteWithSlot(t, 1);
  const proposed = await propose(t, slotId, programmeId, participantId);
  if (proposed.statusCode !== 201) throw new Error(`propose: ${proposed.statusCode}`);
  return { programmeId, participantId };
}
