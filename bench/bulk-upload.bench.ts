/**
 * npm run bench -- bulk-upload
 *
 * The bulk-upload CLI streams a CSV of 100,000 referrals (BENCH_ROWS) through the real referral
 * service's batch endpoint, both in their own processes. Measures the wall time and samples the
 * CLI's resident memory to show it stays flat. Writes bench/results/bulk-upload.json.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvColumns } from '@ladder/referral-service/csv';
import { round } from './lib/stats.js';
import { progress, writeResult } from './lib/report.js';
import { benchStack } from './lib/stack.js';
import { stop } from './lib/child.js';
import { startReferralService } from './lib/referral-service.js';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const cli = new URL('../services/referral/src/cli/bulk-upload.ts', import.meta.url).pathname;

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${csvColumns.join(',')}\n`);
  for (let i = 1; i <= rows; i += 1) {
    const line = `,bench-programme,Bulk,Person-${i},2003-05-17,,,,LU1 3JH,neet,,Priya Shah,priya.shah@jobcentre.example,,programme-delivery,programme-operator,2026-11-20T09:00:00Z,2027-11-20T09:00:00Z,\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ladder-bulk-'));
const stack = await benchStack(['postgres', 'kafka']);
let service: Awaited<ReturnType<typeof startReferralService>> | undefined;
try {
  service = await startReferralService(stack);
  const file = join(dir, 'referrals.csv');
  progress(`writing ${rows} rows`);
  await writeCsv(file);
  progress('uploading');
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--file',
      file,
      '--api',
      service.url,
      '--key',
      service.apiKey,
      '--batch',
      '500',
      '--concurrency',
      '4',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = child.pid === undefined ? undefined : rssMiB(child.pid);
    if (rss !== undefined) samples.push(rss);
  }, 500);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const { rows: stored } = await service.pool.query<{ n: string }>(
    'select count(*) as n from referrals',
  );
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  writeResult('bulk-upload', {
    command: 'npm run bench -- bulk-upload',
    rows,
    exitCode: code,
    summary: output.trim().split('\n').at(-1),
    referralsStored: Number(stored[0]?.n),
    seconds: round(seconds, 1),
    rowsPerSec: round(rows / seconds, 0),
    cliRssMiB: {
      first10pct: round(Math.max(...samples.slice(0, tenth)), 0),
      last10pct: round(Math.max(...samples.slice(-tenth)), 0),
      max: round(Math.max(...samples), 0),
      // The peak of each tenth of the run: flat memory levels off instead of climbing to the end.
      byTenth: Array.from({ length: 10 }, (_, i) =>
        round(Math.max(...samples.slice(i * tenth, i === 9 ? undefined : (i + 1) * tenth)), 0),
      ),
    },
    goals: { secondsUnder: 120, met: seconds < 120 && code === 0 },
  });
} finally {
  if (service) {
    await service.pool.end();
    await stop(service.process);
  }
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
