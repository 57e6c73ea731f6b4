import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import { createLogger } from '@ladder/logger';
import { createParticipantViewClient, type ParticipantViewClient } from '@ladder/participant-view';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import type { OrganisationKind } from '@ladder/vocabulary';
import { programmeTrainingSettingsSchema } from '@ladder/vocabulary/schemas';
import { buildApp } from '../../src/app.js';
import { storeProgramme, storeProgrammeParticipant } from '../../src/db/programmes.repository.js';
import { migrateTraining } from '../../src/migrate.js';
import type { TrainingDeps } from '../../src/use-cases/deps.js';

export interface Caller {
  organisationId: string;
  apiKey: string;
}

export interface TrainingTestApp {
  app: HttpApp;
  deps: TrainingDeps;
  pool: Pool;
  db: TestDatabase;
  identityDb: TestDatabase;
  store: CredentialStore;
  logs: string[];
  provider: Caller;
  otherProvider: Caller;
  operator: Caller;
  otherOperator: Caller;
  jobCentre: Caller;
  /** Adds a programme operated by `operator` with these training settings. */
  programme(settings?: Record<string, unknown>, operator?: Caller): Promise<string>;
  /** A new participant in the programme (as ReferralSubmitted would record). */
  participant(programmeId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The training API on fresh databases with organisations of each kind. The participant view goes
 * to `participantViews` (a real referral service where a test needs one) or nowhere.
 */
export async function startTrainingApp(
  options: { participantViews?: ParticipantViewClient; identityDb?: TestDatabase } = {},
): Promise<TrainingTestApp> {
  const db = await createTestDatabase('training');
  const identity = options.identityDb ?? (await createTestDatabase('identity'));
  await migrateTraining(db.url);
  await migrateIdentity(identity.url);
  const pool = createPool(db.url, { max: 10 });
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const logs: string[] = [];
  const logger = createLogger(
    { name: 'training-service', level: 'debug' },
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
      scopes: [scopes.trainingRead, scopes.trainingWrite],
      label: 'test',
    });
    return { organisationId: org.id, apiKey };
  };
  const provider = await organisation('Luton Adult Learning', 'training-provider');
  const otherProvider = await organisation('Milton Keynes College', 'training-provider');
  const operator = await organisation('BLMK Health and Care Academy', 'programme-operator');
  const otherOperator = await organisation(
    'West Midlands Combined Authority',
    'programme-operator',
  );
  const jobCentre = await organisation('Luton Jobcentre Plus', 'job-centre');

  const deps: TrainingDeps = {
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
    provider,
    otherProvider,
    operator,
    otherOperator,
    jobCentre,
    async programme(settings = {}, by = operator) {
      programmes += 1;
      const id = `programme-${programmes}-${randomUUID().slice(0, 8)}`;
      await storeProgramme(pool, {
        id,
        operatorOrganisationId: by.organisationId,
        version: 1,
        training: programmeTrainingSettingsSchema.parse(settings),
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

export const courseBody = {
  title: 'Care Certificate for new starters',
  qualification: 'care-certificate',
  level: 'level-2',
  mode: 'blended',
  postcodeArea: 'LU',
  lengthWeeks: 12,
  guidedHours: 60,
  fundingRoute: 'adult-skills-fund',
} as const;

/** Sessions once a week from 2027-01-11, 10:00 to 13:00 UTC. */
export function weeklySessions(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2027, 0, 11 + 7 * i, 10));
    return {
      sessionNumber: i + 1,
      startsAt: day.toISOString(),
      endsAt: new Date(day.getTime() + 3 * 3_600_000).toISOString(),
    };
  });
}

/** A course of the provider's with one intake of `capacity` seats; returns their ids. */
export async function courseWithIntake(
  t: TrainingTestApp,
  capacity: number,
  by: Caller = t.provider,
  sessions = 4,
): Promise<{ courseId: string; intakeId: string }> {
  const course = await t.app.inject({
    method: 'POST',
    url: '/v1/courses',
    headers: withKey(by),
    payload: courseBody,
  });
  if (course.statusCode !== 201) throw new Error(`course: ${course.statusCode} ${course.body}`);
  const courseId = course.json<{ id: string }>().id;
  const intake = await t.app.inject({
    method: 'POST',
    url: `/v1/courses/${courseId}/intakes`,
    headers: withKey(by),
    payload: {
      startsOn: '2027-01-11',
      endsOn: '2027-04-02',
      capacity,
      sessions: weeklySessions(sessions),
    },
  });
  if (intake.statusCode !== 201) throw new Error(`intake: ${intake.statusCode} ${intake.body}`);
  return { courseId, intakeId: intake.json<{ id: string }>().id };
}

export interface PlaceBody {
  id: string;
  status: string;
  waitlistPosition: number | null;
  participantId: string;
  offerExpiresAt: string | null;
  createdAt: string;
}

/** Asks for a place, as the operator unless told otherwise. */
export async function requestPlace(
  t: TrainingTestApp,
  intakeId: string,
  programmeId: string,
  participantId: string,
  by: Caller = t.operator,
) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/intakes/${intakeId}/places`,
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
