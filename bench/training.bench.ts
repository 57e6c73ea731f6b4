/**
 * `npm run bench -- training`: 1,000 place requests arriving at once across 100 intakes of 10
 * seats, against the real training service in its own process (PostgreSQL, Kafka, its outbox
 * relay running). Checks that no intake goes over capacity and every request is enrolled or
 * waitlisted, and reports the latency of each request. Writes bench/results/training.json.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool } from '@ladder/db';
import { migrateTraining } from '@ladder/training-service';
import { runTs, stop, waitForHttp } from './lib/child.js';
import { progress, writeResult } from './lib/report.js';
import { createDatabase, benchStack } from './lib/stack.js';
import { percentile, round } from './lib/stats.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const intakes = Number(process.env.BENCH_INTAKES ?? 100);
const seats = Number(process.env.BENCH_SEATS ?? 10);
const serviceDir = new URL('../services/training/', import.meta.url).pathname;

/** Which intake request i asks for: spread unevenly (a fixed pseudo-random draw), so some fill and
 * queue while others keep seats free, as real demand does. */
const intakeOf = (i: number): number => (Math.imul(i + 1, 2_654_435_761) >>> 0) % intakes;

const stack = await benchStack(['postgres', 'kafka']);
const children: ChildProcess[] = [];
try {
  const admin = stack.endpoints.postgres.url;
  const identityDb = await createDatabase(admin, 'bench_identity');
  const trainingDb = await createDatabase(admin, 'bench_training');
  await migrateIdentity(identityDb);
  await migrateTraining(trainingDb);
  const identityPool = createPool(identityDb);
  const store = new CredentialStore(identityPool);
  const operator = await store.createOrganisation({
    name: 'Bench Academy',
    kind: 'programme-operator',
  });
  const provider = await store.createOrganisation({
    name: 'Bench College',
    kind: 'training-provider',
  });
  const { apiKey } = await store.createApiKey({
    organisationId: operator.id,
    scopes: [scopes.trainingWrite, scopes.trainingRead],
  });
  await identityPool.end();

  progress(`seeding ${intakes} intakes of ${seats} seats and ${requests} participants`);
  const pool = createPool(trainingDb);
  await pool.query(
    `insert into programmes (id, operator_organisation_id, version, training) values ('bench', $1, 1, '{}')`,
    [operator.id],
  );
  const courseId = randomUUID();
  await pool.query(
    `insert into courses (id, provider_organisation_id, title, qualification, level, mode, postcode_area,
       length_weeks, funding_route)
     values ($1, $2, 'Bench course', 'care-certificate', 'level-2', 'in-person', 'LU', 12, 'adult-skills-fund')`,
    [courseId, provider.id],
  );
  const intakeIds = Array.from({ length: intakes }, () => randomUUID());
  await pool.query(
    `insert into intakes (id, course_id, provider_organisation_id, starts_on, ends_on, capacity)
     select id, $2, $3, '2027-01-11', '2027-04-02', $4 from unnest($1::uuid[]) as id`,
    [intakeIds, courseId, provider.id, seats],
  );
  const participants = Array.from({ length: requests }, () => randomUUID());
  await pool.query(
    `insert into programme_participants (participant_id, programme_id, referral_id)
     select p, 'bench', gen_random_uuid() from unnest($1::uuid[]) as p`,
    [participants],
  );

  const port = await getPort();
  const metricsPort = await getPort();
  children.push(
    runTs(
      'src/main.ts',
      {
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'warn',
        DATABASE_URL: trainingDb,
        IDENTITY_DATABASE_URL: identityDb,
        KAFKA_BROKERS: stack.endpoints.kafka.brokers.join(','),
        REFERRAL_SERVICE_URL: 'http://127.0.0.1:9',
        PARTICIPANT_VIEW_API_KEY: 'not-used-by-this-benchmark',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      serviceDir,
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`);
  // One request first, so that the process has compiled its routes before the burst.
  await fetch(`${url}/v1/intakes`, { headers: { authorization: `Bearer ${apiKey}` } });

  progress(`${requests} place requests at once`);
  const started = performance.now();
  const answers = await Promise.all(
    participants.map(async (participantId, i) => {
      const t0 = performance.now();
      const response = await fetch(`${url}/v1/intakes/${intakeIds[intakeOf(i)]}/places`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-place-request-${i}`,
        },
        body: JSON.stringify({ participantId, programmeId: 'bench' }),
      });
      const body = (await response.json()) as { status?: string; code?: string; title?: string };
      return {
        ms: performance.now() - t0,
        status: response.status,
        place: body.status,
        problem:
          response.status === 201 ? undefined : `${response.status} ${body.code ?? body.title}`,
      };
    }),
  );
  const wallMs = performance.now() - started;

  const { rows } = await pool.query<{
    over: number;
    enrolled: number;
    waitlisted: number;
    held_max: number;
  }>(
    `select count(*) filter (where held > i.capacity)::int as over,
            coalesce(sum(enrolled), 0)::int as enrolled, coalesce(sum(waitlisted), 0)::int as waitlisted,
            coalesce(max(held), 0)::int as held_max
     from intakes i left join lateral (
       select count(*) filter (where status in ('enrolled', 'offered')) as held,
              count(*) filter (where status = 'enrolled') as enrolled,
              count(*) filter (where status = 'waitlisted') as waitlisted
       from places p where p.intake_id = i.id) c on true`,
  );
  await pool.end();
  const stored = rows[0]!;
  const latencies = answers.map((a) => a.ms);
  const answeredEnrolled = answers.filter((a) => a.status === 201 && a.place === 'enrolled').length;
  const answeredWaitlisted = answers.filter(
    (a) => a.status === 201 && a.place === 'waitlisted',
  ).length;
  const p99Ms = round(percentile(latencies, 99));
  writeResult('training', {
    requests,
    intakes,
    seatsPerIntake: seats,
    enrolled: stored.enrolled,
    waitlisted: stored.waitlisted,
    overCapacity: stored.over,
    fullestIntakeHeld: stored.held_max,
    answered: { enrolled: answeredEnrolled, waitlisted: answeredWaitlisted },
    errors: answers.filter((a) => a.status !== 201).length,
    errorKinds: Object.fromEntries(
      [...new Set(answers.flatMap((a) => (a.problem ? [a.problem] : [])))].map((k) => [
        k,
        answers.filter((a) => a.problem === k).length,
      ]),
    ),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms,
    maxMs: round(Math.max(...latencies)),
    wallMs: round(wallMs),
    target: {
      overCapacity: 0,
      everyRequestPlaced: true,
      p99Ms: 100,
      met:
        stored.over === 0 &&
        stored.enrolled + stored.waitlisted === requests &&
        answeredEnrolled + answeredWaitlisted === requests &&
        p99Ms < 100,
    },
  });
} finally {
  for (const child of children) await stop(child);
  await stack.stop();
}
