import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apps,
  demoCredentialsFile,
  localSecrets,
  startApp,
  stopApps,
  type RunningApp,
} from '@ladder/infra';
import { testStack } from '../src/index.js';

interface Referral {
  id: string;
  status: string;
  stage: string | null;
  milestones: { code: string }[];
}

/**
 * The whole system through its public API: the referral service and the journey worker run as
 * their own processes (as under npm start) on the test stack; a Job Centre refers someone and
 * follows what becomes of the referral.
 */
describe('the closed loop, end to end', () => {
  const state = mkdtempSync(join(tmpdir(), 'ladder-e2e-'));
  const running: RunningApp[] = [];
  let api: string;
  let key: string;

  beforeAll(async () => {
    process.env.LADDER_STATE_DIR = state; // demo keys and logs of this run only
    const secrets = localSecrets();
    const app = (name: string) => apps.find((a) => a.name === name);
    const referral = app('referral-service');
    const worker = app('journey-worker');
    const referralPort = await getPort();
    const codecPort = await getPort();
    running.push(
      await startApp(
        { ...referral!, port: referralPort, metricsPort: await getPort() },
        testStack(),
        secrets,
      ),
    );
    running.push(
      await startApp(
        { ...worker!, port: codecPort, metricsPort: await getPort() },
        testStack(),
        secrets,
      ),
    );
    api = running[0]!.url;
    const credentials = JSON.parse(readFileSync(demoCredentialsFile(), 'utf8')) as {
      organisations: { id: string; apiKey: string }[];
    };
    key = credentials.organisations.find((o) => o.id === 'org-luton-jobcentre')!.apiKey;
  });
  afterAll(async () => {
    await stopApps(running);
    rmSync(state, { recursive: true, force: true });
  });

  const call = (method: string, path: string, body?: unknown, idempotencyKey?: string) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const waitFor = async (id: string, done: (r: Referral) => boolean): Promise<Referral> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const referral = (await (await call('GET', `/v1/referrals/${id}`)).json()) as Referral;
      if (done(referral) || Date.now() > deadline) return referral;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('when a Job Centre refers someone, then the journey starts and the referrer sees its stage; a withdrawal comes back as the outcome', async () => {
    const submitted = await call(
      'POST',
      '/v1/referrals',
      {
        programmeId: 'blmk-step-into-health',
        person: {
          givenName: 'Erin',
          familyName: 'Endtoend',
          dateOfBirth: '2003-02-01',
          postcode: 'LU2 7AA',
        },
        priorityGroups: ['care-experienced'],
        workCoach: { name: 'Priya Shah', email: 'priya.shah@jobcentre.example' },
        consent: {
          purposes: ['programme-delivery'],
          recipients: ['programme-operator'],
          givenAt: '2026-11-01T09:00:00Z',
          expiresAt: '2028-11-01T09:00:00Z',
        },
      },
      'e2e-referral-1',
    );
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()) as { id: string };

    const engaged = await waitFor(id, (r) => r.stage === 'engagement');
    expect(engaged).toMatchObject({ status: 'in-progress', stage: 'engagement' });
    expect(engaged.milestones.map((m) => m.code)).toContain('stage-engagement');

    expect(
      (await call('POST', `/v1/referrals/${id}/withdraw`, { reasonCode: 'moved-away' })).status,
    ).toBe(204);
    const withdrawn = await waitFor(id, (r) =>
      r.milestones.some((m) => m.code === 'outcome-withdrawn'),
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.milestones.map((m) => m.code)).toEqual(
      expect.arrayContaining(['referral-withdrawn', 'outcome-withdrawn', 'stage-closed']),
    );
  });
});
