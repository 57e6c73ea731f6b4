/**
 * `npm run bench -- training`: 1,000 place requests arriving at once across 100 intakes of 10
 * seats, against the real training service in its own process (PostgreSQL, Kafka, its outbox
 * relay running). Checks that no intake goes over capacity and every request is enrolled or
 * waitlisted, and reports the latency of each request; next to it, in the same run, the same
 * burst against two bare Fastify routes (one pg insert; no database at all), which show how fast
 * this machine can answer such a burst. Writes bench/results/training.json.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import { migrateTraining } from '@ladder/training-service';
import { runTs, stop, waitForHttp } from './lib/child.js';
import { CpuMeter, cpuMsPer } from './lib/cpu.js';
import { sampleLockWaits, type LockWaitReport } from './lib/lock-waits.js';
import { resetStatements, topStatements } from './lib/pg-statements.js';
import { progress, writeResult } from './lib/report.js';
import { createDatabase, benchStack } from './lib/stack.js';
import { median, percentile, round } from './lib/stats.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const intakes = Number(process.env.BENCH_INTAKES ?? 100);
const seats = Number(process.env.BENCH_SEATS ?? 10);
/** Bursts of each kind, in turn; the report gives each and the median. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** Requests of a first, unmeasured burst at each server, so that each has compiled its path. */
const warmUp = Number(process.env.BENCH_WARM_UP ?? 100);
const serviceDir = new URL('../services/training/', import.meta.url).pathname;
/**
 * Another checkout of the repository (with the same training migrations): its training service
 * runs too, on a database of its own seeded the same way, and takes its turn in every round as
 * `before`, so that two versions are compared in the same run.
 */
const compareDir = process.env.BENCH_COMPARE_DIR;

/** Which intake request i asks for: spread unevenly (a fixed pseudo-random draw), so some fill and
 * queue while others keep seats free, as real demand does. */
const intakeOf = (i: number): number => (Math.imul(i + 1, 2_654_435_761) >>> 0) % intakes;

interface Answer {
  ms: number;
  status: number;
  place: string | undefined;
  problem: string | undefined;
}

interface Burst {
  answers: Answer[];
  wallMs: number;
  cpuMsPerRequest: Record<string, number>;
  lockWaits?: LockWaitReport;
}

/** `n` POSTs sent at once (each on its own connection, as 1,000 clients would), timed each. */
async function burst(
  n: number,
  meter: CpuMeter,
  request: (i: number) => { url: string; headers: Record<string, string>; body: unknown },
  lockWaits?: () => () => Promise<LockWaitReport>,
): Promise<Burst> {
  const stopSampling = lockWaits?.();
  const cpuDone = meter.start();
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i): Promise<Answer> => {
      const { url, headers, body } = request(i);
      const t0 = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { status?: string; code?: string; title?: string };
      return {
        ms: performance.now() - t0,
        status: response.status,
        place: answer.status,
        problem:
          response.status === 201 ? undefined : `${response.status} ${answer.code ?? answer.title}`,
      };
    }),
  );
  const wallMs = performance.now() - started;
  const cpuMsPerRequest = cpuMsPer(cpuDone(), n);
  return {
    answers,
    wallMs,
    cpuMsPerRequest,
    ...(stopSampling ? { lockWaits: await stopSampling() } : {}),
  };
}

const latency = (b: Burst) => {
  const ms = b.answers.map((a) => a.ms);
  return {
    p50Ms: round(percentile(ms, 50)),
    p99Ms: round(percentile(ms, 99)),
    maxMs: round(Math.max(...ms)),
    wallMs: round(b.wallMs),
    requestsPerSecond: round((b.answers.length / b.wallMs) * 1000, 0),
    errors: b.answers.filter((a) => a.status !== 201).length,
    cpuMsPerRequest: b.cpuMsPerRequest,
  };
};

/** Seats as stored on the given intakes: over capacity, enrolled and waitlisted. */
async function storedPlaces(pool: Pool, ids: string[]) {
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
       from places p where p.intake_id = i.id) c on true
     where i.id = any($1::uuid[])`,
    [ids],
  );
  return rows[0]!;
}

const stack = await benchStack(['postgres', 'kafka']);
const children: ChildProcess[] = [];
try {
  const admin = stack.endpoints.postgres.url;
  const identityDb = await createDatabase(admin, 'bench_identity');
  const trainingDb = await createDatabase(admin, 'bench_training');
  const bareDb = await createDatabase(admin, 'bench_bare');
  await migrateIdentity(identityDb);
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

  // Each burst at the service has intakes and participants of its own (the warm-up's first).
  const bursts = rounds + 1;
  progress(`seeding ${bursts} x ${intakes} intakes of ${seats} seats and participants`);
  const intakeIds = Array.from({ length: bursts }, () =>
    Array.from({ length: intakes }, () => randomUUID()),
  );
  const participants = Array.from({ length: bursts }, () =>
    Array.from({ length: requests }, () => randomUUID()),
  );
  const seed = async (databaseUrl: string) => {
    await migrateTraining(databaseUrl);
    const db = createPool(databaseUrl);
    await db.query(
      `insert into programmes (id, operator_organisation_id, version, training) values ('bench', $1, 1, '{}')`,
      [operator.id],
    );
    const courseId = randomUUID();
    await db.query(
      `insert into courses (id, provider_organisation_id, title, qualification, level, mode, postcode_area,
         length_weeks, funding_route)
       values ($1, $2, 'Bench course', 'care-certificate', 'level-2', 'in-person', 'LU', 12, 'adult-skills-fund')`,
      [courseId, provider.id],
    );
    await db.query(
      `insert into intakes (id, course_id, provider_organisation_id, starts_on, ends_on, capacity)
       select id, $2, $3, '2027-01-11', '2027-04-02', $4 from unnest($1::uuid[]) as id`,
      [intakeIds.flat(), courseId, provider.id, seats],
    );
    await db.query(
      `insert into programme_participants (participant_id, programme_id, referral_id)
       select p, 'bench', gen_random_uuid() from unnest($1::uuid[]) as p`,
      [participants.flat()],
    );
    return db;
  };
  const pool = await seed(trainingDb);
  const beforeDb = compareDir ? await createDatabase(admin, 'bench_training_before') : undefined;
  const beforePool = beforeDb ? await seed(beforeDb) : undefined;

  const startService = async (dir: string, databaseUrl: string) => {
    const port = await getPort();
    const child = runTs(
      'src/main.ts',
      {
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(await getPort()),
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        IDENTITY_DATABASE_URL: identityDb,
        KAFKA_BROKERS: stack.endpoints.kafka.brokers.join(','),
        REFERRAL_SERVICE_URL: 'http://127.0.0.1:9',
        PARTICIPANT_VIEW_API_KEY: 'not-used-by-this-benchmark',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      dir,
    );
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/ready`);
    return { child, url };
  };
  const service = await startService(serviceDir, trainingDb);
  const before =
    compareDir && beforeDb
      ? await startService(`${compareDir}/services/training/`, beforeDb)
      : undefined;
  const barePort = await getPort();
  const bare = runTs(new URL('./lib/bare-place-server.ts', import.meta.url).pathname, {
    DATABASE_URL: bareDb,
    PORT: String(barePort),
  });
  children.push(bare);
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await waitForHttp(`${bareUrl}/v1/answer/x`);

  const stackPids = Object.fromEntries(stack.servers.map((s) => [s.name, s.pid]));
  const meterOf = (child: ChildProcess) => new CpuMeter({ ...stackPids, service: child.pid! });
  const bareMeter = meterOf(bare);
  const placeBody = (b: number, i: number) => ({
    participantId: participants[b]![i]!,
    programmeId: 'bench',
  });
  const placeRequests =
    (target: { child: ChildProcess; url: string }, database: string) => (b: number, n: number) =>
      burst(
        n,
        meterOf(target.child),
        (i) => ({
          url: `${target.url}/v1/intakes/${intakeIds[b]![intakeOf(i)]}/places`,
          headers: {
            authorization: `Bearer ${apiKey}`,
            'idempotency-key': `bench-place-request-${b}-${i}`,
          },
          body: placeBody(b, i),
        }),
        process.env.BENCH_LOCK_WAITS === '1' ? () => sampleLockWaits(pool, database) : undefined,
      );
  const targets: Record<string, (b: number, n: number) => Promise<Burst>> = {
    service: placeRequests(service, 'bench_training'),
    ...(before ? { before: placeRequests(before, 'bench_training_before') } : {}),
    bareInsert: (b: number, n: number) =>
      burst(n, bareMeter, (i) => ({
        url: `${bareUrl}/v1/intakes/${intakeIds[b]![intakeOf(i)]}/places`,
        headers: {},
        body: placeBody(b, i),
      })),
    bareAnswer: (b: number, n: number) =>
      burst(n, bareMeter, (i) => ({
        url: `${bareUrl}/v1/answer/${intakeIds[b]![intakeOf(i)]}`,
        headers: {},
        body: placeBody(b, i),
      })),
  };

  progress(`warm-up: ${warmUp} requests at each server`);
  for (const run of Object.values(targets)) await run(0, warmUp);
  await resetStatements(pool);

  const versions = before ? ['service', 'before'] : ['service'];
  const measured = Object.fromEntries(Object.keys(targets).map((name) => [name, [] as Burst[]]));
  const placed: Awaited<ReturnType<typeof storedPlaces>>[] = [];
  const placedBefore: Awaited<ReturnType<typeof storedPlaces>>[] = [];
  for (let b = 1; b <= rounds; b += 1) {
    // The bare routes first, then the service (and the other version: they take turns first).
    const round = ['bareAnswer', 'bareInsert', ...(b % 2 ? versions : [...versions].reverse())];
    for (const name of round) {
      const result = await targets[name]!(b, requests);
      measured[name]!.push(result);
      const l = latency(result);
      progress(
        `round ${b}, ${name}: p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, all in ${l.wallMs} ms, ` +
          `errors ${l.errors}, CPU ms a request ${JSON.stringify(l.cpuMsPerRequest)}`,
      );
    }
    placed.push(await storedPlaces(pool, intakeIds[b]!));
    if (beforePool) placedBefore.push(await storedPlaces(beforePool, intakeIds[b]!));
  }
  const statements = await topStatements(pool);
  await pool.end();
  await beforePool?.end();

  // The round with the median p99 of the service, and its stored places.
  const ours = measured.service!;
  const byP99 = ours.map((x, i) => ({ i, p99: latency(x).p99Ms })).sort((x, y) => x.p99 - y.p99);
  const mid = byP99[Math.floor((byP99.length - 1) / 2)]!.i;
  const headline = ours[mid]!;
  const stored = placed[mid]!;
  const answers = headline.answers;
  const answeredEnrolled = answers.filter((a) => a.status === 201 && a.place === 'enrolled').length;
  const answeredWaitlisted = answers.filter(
    (a) => a.status === 201 && a.place === 'waitlisted',
  ).length;
  /** Each target's median over the rounds: latency, and CPU per request of each process. */
  const summary = (xs: Burst[]) => {
    const ls = xs.map(latency);
    const mid = (pick: (l: ReturnType<typeof latency>) => number, digits = 1) =>
      round(median(ls.map(pick)), digits);
    return {
      p50Ms: mid((l) => l.p50Ms),
      p99Ms: mid((l) => l.p99Ms),
      wallMs: mid((l) => l.wallMs),
      cpuMsPerRequest: Object.fromEntries(
        Object.keys(ls[0]!.cpuMsPerRequest).map((k) => [k, mid((l) => l.cpuMsPerRequest[k]!, 3)]),
      ),
    };
  };
  const p99Ms = latency(headline).p99Ms;
  const everyOnePlaced = (stores: typeof placed, bursts: Burst[]) =>
    stores.every(
      (p, i) =>
        p.over === 0 &&
        p.enrolled + p.waitlisted === requests &&
        bursts[i]!.answers.every((a) => a.status === 201),
    );
  const allPlaced = everyOnePlaced(placed, ours);
  const medians = Object.fromEntries(Object.entries(measured).map(([k, xs]) => [k, summary(xs)]));
  writeResult('training', {
    command: 'npm run bench -- training',
    requests,
    intakes,
    seatsPerIntake: seats,
    rounds,
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
    p50Ms: latency(headline).p50Ms,
    p99Ms,
    maxMs: latency(headline).maxMs,
    wallMs: latency(headline).wallMs,
    // Medians over the rounds of the service and of the same bursts in the same run against one
    // pg insert a request (bareInsert) and no database at all (bareAnswer); `before` is
    // BENCH_COMPARE_DIR's version.
    medians,
    p99ToBareInsert: round(medians.service!.p99Ms / medians.bareInsert!.p99Ms, 2),
    ...(compareDir
      ? {
          compareDir,
          beforeEveryOnePlaced: everyOnePlaced(placedBefore, measured.before!),
          p99ToBefore: round(medians.service!.p99Ms / medians.before!.p99Ms, 2),
        }
      : {}),
    runs: Object.fromEntries(
      Object.entries(measured).map(([name, xs]) => [
        name,
        xs.map((x, i) => ({
          ...latency(x),
          ...(name === 'service' ? { stored: placed[i] } : {}),
          ...(name === 'before' ? { stored: placedBefore[i] } : {}),
          ...(x.lockWaits ? { lockWaits: x.lockWaits } : {}),
        })),
      ]),
    ),
    ...(statements ? { statements } : {}),
    target: {
      overCapacity: 0,
      everyRequestPlaced: true,
      p99Ms: 100,
      met: allPlaced && answeredEnrolled + answeredWaitlisted === requests && p99Ms < 100,
    },
  });
} finally {
  for (const child of children) await stop(child);
  await stack.stop();
}
