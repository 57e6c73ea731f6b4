/**
 * npm run bench -- referral-api
 *
 * POST /v1/referrals of the real referral service (its own process, with its relay and consumers
 * running) with distinct valid referrals at fixed concurrency, next to a bare Fastify route that
 * inserts the same row with pg, in the same run; and next to a bare route that inserts every row
 * a referral writes, to show what the rows alone cost. Writes bench/results/referral-api.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import getPort from 'get-port';
import type { ChildProcess } from 'node:child_process';
import { median, round } from './lib/stats.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack } from './lib/stack.js';
import { runTs, stop, waitForHttp } from './lib/child.js';
import { referralDatabase, startReferralService } from './lib/referral-service.js';
import { topStatements } from './lib/pg-statements.js';
import { CpuMeter, cpuMsPer } from './lib/cpu.js';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
/**
 * Another checkout of the repository (with the same referral migrations): its referral service
 * runs too and takes its turn after each run of this one (`apiBefore`), so that two versions are
 * compared in the same run, under the same load.
 */
const compareDir = process.env.BENCH_COMPARE_DIR;
const seconds = Number(process.env.BENCH_SECONDS ?? 20);

function referral(n: number): string {
  return JSON.stringify({
    programmeId: 'bench-programme',
    person: {
      givenName: 'Bench',
      familyName: `Person-${n}-${randomBytes(4).toString('hex')}`,
      dateOfBirth: '2003-05-17',
      postcode: 'LU1 3JH',
      email: 'bench@example.org',
    },
    priorityGroups: ['neet'],
    reasonableAdjustments: ['written instructions'],
    workCoach: { name: 'Priya Shah', email: 'priya.shah@jobcentre.example' },
    consent: {
      purposes: ['programme-delivery'],
      recipients: ['programme-operator'],
      givenAt: '2026-11-20T09:00:00Z',
      expiresAt: '2027-11-20T09:00:00Z',
    },
  });
}

interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
  meter: CpuMeter;
}

interface Load {
  /** CPU milliseconds per request, by process (`bench` is autocannon, in this process). */
  cpuMsPerRequest: Record<string, number>;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
}

async function load(url: string, headers: Record<string, string>, meter: CpuMeter): Promise<Load> {
  let n = 0;
  const cpuDone = meter.start();
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
          body: referral((n += 1)),
        }),
      },
    ],
  });
  const cpuSeconds = cpuDone();
  const cpuMsPerRequest = cpuMsPer(cpuSeconds, result.requests.total);
  return {
    cpuMsPerRequest,
    reqPerSec: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

const stack = await benchStack(['postgres', 'kafka']);
const children: ChildProcess[] = [];
try {
  const service = await startReferralService(stack);
  children.push(service.process);
  const before = compareDir
    ? await startReferralService(stack, { checkout: compareDir, suffix: '_before' })
    : undefined;
  if (before) children.push(before.process);
  const referralPool = service.pool;
  const apiKey = service.apiKey;
  const barePort = await getPort();
  const bareDb = await referralDatabase(
    stack.endpoints.postgres.url,
    'bench_bare',
    'bare-operator',
  );
  await bareDb.pool.end();
  const bare = runTs(new URL('./lib/bare-referral-server.ts', import.meta.url).pathname, {
    DATABASE_URL: bareDb.url,
    PORT: String(barePort),
  });
  children.push(bare);
  await waitForHttp(`http://127.0.0.1:${barePort}/v1/referrals`);
  const stackPids = Object.fromEntries(stack.servers.map((s) => [s.name, s.pid]));
  // Each run meters the stack's servers and the process that served it.
  const apiMeter = new CpuMeter({ ...stackPids, service: service.process.pid! });
  const bareMeter = new CpuMeter({ ...stackPids, service: bare.pid! });
  const beforeMeter = before && new CpuMeter({ ...stackPids, service: before.process.pid! });

  const targets: Record<string, Target> = {
    bare: { label: 'bare', url: `http://127.0.0.1:${barePort}/v1/referrals`, meter: bareMeter },
    api: {
      label: 'referral API',
      url: `${service.url}/v1/referrals`,
      headers: { authorization: `Bearer ${apiKey}` },
      meter: apiMeter,
    },
    sameRows: {
      label: 'bare, every row of a referral',
      url: `http://127.0.0.1:${barePort}/v1/referral-rows`,
      meter: bareMeter,
    },
    ...(before && beforeMeter
      ? {
          apiBefore: {
            label: 'referral API (BENCH_COMPARE_DIR)',
            url: `${before.url}/v1/referrals`,
            headers: { authorization: `Bearer ${before.apiKey}` },
            meter: beforeMeter,
          },
        }
      : {}),
  };
  // The every-row route last: the rows it leaves make PostgreSQL vacuum them for a while after,
  // which the runs measured then would pay for.
  // With another version to compare, the two take turns (A B B A, twice) between the bare runs.
  const schedule = before
    ? [
        ...['bare', 'api', 'apiBefore', 'apiBefore', 'api'],
        ...['bare', 'api', 'apiBefore', 'apiBefore', 'api'],
        ...['sameRows', 'sameRows'],
      ]
    : ['bare', 'api', 'bare', 'api', 'sameRows', 'sameRows'];
  progress(
    `warm-up, then ${seconds} s each at ${connections} connections: ` +
      schedule.map((name) => targets[name]!.label).join(', '),
  );
  for (const name of ['api', 'apiBefore']) {
    const target = targets[name];
    if (target) await load(target.url, target.headers ?? {}, target.meter).catch(() => undefined);
  }
  const runs: Record<string, Load[]> = { bare: [], api: [], sameRows: [], apiBefore: [] };
  for (const name of schedule) {
    const target: Target | undefined = targets[name];
    if (!target) continue;
    const run = await load(target.url, target.headers ?? {}, target.meter);
    runs[name]!.push(run);
    progress(
      `${target.label}: ${run.reqPerSec} req/s, p99 ${run.p99Ms} ms, errors ${run.errors}, ` +
        `CPU ms a request ${JSON.stringify(run.cpuMsPerRequest)}`,
    );
  }
  const statements = await topStatements(referralPool);
  const best = (xs: Load[]) => xs.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  /** Each process's median CPU per request over a target's runs (steadier than req/s here). */
  const medianCpu = (xs: Load[]) =>
    Object.fromEntries(
      Object.keys(xs[0]?.cpuMsPerRequest ?? {}).map((k) => [
        k,
        median(xs.map((x) => x.cpuMsPerRequest[k]!)),
      ]),
    );
  const api = best(runs.api!);
  const baseline = best(runs.bare!);
  const sameRows = best(runs.sameRows!);
  const apiBefore = runs.apiBefore!.length > 0 ? best(runs.apiBefore!) : undefined;
  const { rows } = await referralPool.query<{ n: string }>('select count(*) as n from referrals');
  await referralPool.end();
  writeResult('referral-api', {
    command: 'npm run bench -- referral-api',
    reqPerSec: api.reqPerSec,
    p50Ms: api.p50Ms,
    p99Ms: api.p99Ms,
    errors: runs.api!.reduce((s, r) => s + r.errors, 0),
    baselineReqPerSec: baseline.reqPerSec,
    ratio: round(api.reqPerSec / baseline.reqPerSec, 2),
    // Not a goal of the issue: the same comparison against a bare route that writes every row a
    // referral writes, so the API's own work can be told from the cost of what it stores.
    sameRowsReqPerSec: sameRows.reqPerSec,
    ratioToSameRows: round(api.reqPerSec / sameRows.reqPerSec, 2),
    connections,
    secondsPerRun: seconds,
    referralsStored: Number(rows[0]?.n),
    ...(apiBefore
      ? {
          compareDir,
          beforeReqPerSec: apiBefore.reqPerSec,
          beforeRatio: round(apiBefore.reqPerSec / baseline.reqPerSec, 2),
        }
      : {}),
    medianCpuMsPerRequest: Object.fromEntries(
      Object.entries(runs)
        .filter(([, xs]) => xs.length > 0)
        .map(([name, xs]) => [name, medianCpu(xs)]),
    ),
    runs,
    ...(statements ? { statements } : {}),
    goals: {
      reqPerSecAtLeast: 1000,
      p99MsUnder: 100,
      ratioAtLeast: 0.4,
      errors: 0,
      met:
        api.reqPerSec >= 1000 &&
        api.p99Ms < 100 &&
        api.reqPerSec / baseline.reqPerSec >= 0.4 &&
        runs.api!.every((r) => r.errors === 0),
    },
  });
} finally {
  for (const child of children) await stop(child);
  await stack.stop();
}
