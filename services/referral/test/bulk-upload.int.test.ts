import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReferralCsv } from './support/csv.js';
import { programmeId, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

const cli = new URL('../src/cli/bulk-upload.ts', import.meta.url).pathname;

function bulkUpload(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bulk upload', () => {
  let t: ReferralTestApp;
  let api: string;
  let dir: string;

  beforeAll(async () => {
    t = await startReferralApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'bulk-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (): Promise<number> =>
    Number((await t.pool.query<{ n: string }>('select count(*) as n from referrals')).rows[0]?.n);

  it('when a CSV is uploaded, then valid rows become referrals and refused rows are reported with their fields', async () => {
    const file = join(dir, 'referrals.csv');
    await writeReferralCsv(file, 450, { invalidEvery: 50, programmeId, seed: 'a' });
    const result = await bulkUpload([
      '--file',
      file,
      '--api',
      api,
      '--key',
      t.jobCentre.apiKey,
      '--batch',
      '100',
    ]);
    expect(result.stdout).toContain('441 created, 0 already submitted, 9 refused');
    expect(result.code).toBe(1);
    expect(await count()).toBe(441);
    const errors = readFileSync(`${file}.errors.csv`, 'utf8').trim().split('\n');
    expect(errors).toHaveLength(10); // header + 9
    // Batches finish in any order; the row of line 50 is there, with the field named.
    expect(errors.find((line) => line.startsWith('50,'))).toMatch(
      /^50,.*,400,.*"person\.dateOfBirth: /,
    );
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).not.toContain('Person-a-50'); // the report names fields, not people
  });

  it('when the same file is uploaded again, then every row is a replay and nothing is duplicated', async () => {
    const file = join(dir, 'referrals.csv');
    const result = await bulkUpload([
      '--file',
      file,
      '--api',
      api,
      '--key',
      t.jobCentre.apiKey,
      '--batch',
      '100',
    ]);
    expect(result.stdout).toContain('0 created, 441 already submitted, 9 refused');
    expect(await count()).toBe(441);
  });

  it('when resumed after a partial run, then it starts after the checkpoint', async () => {
    const file = join(dir, 'more.csv');
    await writeReferralCsv(file, 300, { programmeId, seed: 'b' });
    const first = await bulkUpload([
      '--file',
      file,
      '--api',
      api,
      '--key',
      t.jobCentre.apiKey,
      '--batch',
      '100',
      '--concurrency',
      '1',
    ]);
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(`${file}.progress.json`, 'utf8'))).toEqual({ line: 300 });
    const resumed = await bulkUpload([
      '--file',
      file,
      '--api',
      api,
      '--key',
      t.jobCentre.apiKey,
      '--resume',
    ]);
    expect(resumed.stdout).toContain('0 created, 0 already submitted, 0 refused');
    expect(await count()).toBe(741);
  });

  it('when the key is wrong or the file missing, then it stops with a clear message', async () => {
    const file = join(dir, 'referrals.csv');
    const badKey = await bulkUpload([
      '--file',
      file,
      '--api',
      api,
      '--key',
      'ldr_0000000000000000_' + 'x'.repeat(43),
    ]);
    expect(badKey.code).not.toBe(0);
    expect(badKey.stderr).toMatch(/401/);
    const missing = await bulkUpload(['--file', join(dir, 'nope.csv'), '--key', 'k']);
    expect(missing.stderr).toContain('no such file');
    expect(existsSync(join(dir, 'nope.csv.errors.csv'))).toBe(false);
  });
});
