import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apps,
  chromiumPath,
  localSecrets,
  startApp,
  stopApps,
  type AppDefinition,
  type RunningApp,
} from '@ladder/infra';
import { freePort, testStack } from '@ladder/testing';
import { signInInBrowser } from './support/staff-forms.js';

const shots = fileURLToPath(new URL('../test-artifacts/screens/', import.meta.url));

/**
 * The staff actions that go to other services, through the real ones: the referral, training,
 * employer and ops services run as their own processes with their demo data, as under
 * `npm start` (the ops demo data grants the keys ops calls them with). A caseworker signs in,
 * reveals a demo participant's consented view, requests a training place and proposes a placement.
 */
describe('staff actions through the other services, end to end', () => {
  const state = mkdtempSync(join(tmpdir(), 'ladder-ops-e2e-'));
  const running: RunningApp[] = [];
  let browser: Browser;
  let ops: string;

  beforeAll(async () => {
    process.env.LADDER_STATE_DIR = state; // demo keys and logs of this run only
    const ports: Record<string, number> = {};
    for (const name of ['REFERRAL', 'TRAINING', 'EMPLOYER', 'OPS']) {
      ports[name] = await freePort();
      // Each app's env names the others' addresses from these.
      process.env[`LADDER_${name}_PORT`] = String(ports[name]);
    }
    const signInPort = await freePort();
    const secrets = localSecrets();
    const app = (name: string, port: number): AppDefinition => {
      const found = apps.find((a) => a.name === name)!;
      return {
        ...found,
        port,
        env: (stack, s) => ({
          ...found.env(stack, s),
          // Ops' own addresses are fixed when the app definitions load: these are this run's.
          ...(name === 'ops-service'
            ? { DEV_SIGN_IN_PORT: String(signInPort), PUBLIC_URL: `http://127.0.0.1:${port}` }
            : {}),
        }),
      };
    };
    for (const [name, port] of [
      ['referral-service', ports.REFERRAL!],
      ['training-service', ports.TRAINING!],
      ['employer-service', ports.EMPLOYER!],
      ['ops-service', ports.OPS!],
    ] as const)
      running.push(
        await startApp({ ...app(name, port), metricsPort: await freePort() }, testStack(), secrets),
      );
    ops = running.at(-1)!.url;
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stopApps(running);
    rmSync(state, { recursive: true, force: true });
  });

  const signIn = (page: Page, login: string, path: string) =>
    signInInBrowser(page, ops, login, path);

  it("when a caseworker reveals a demo participant's details, requests a training place and proposes a placement, then each service answers and the audit log has each", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'casey', '/journeys?programmeId=blmk-step-into-health');
    // The read model hears of the demo referrals through Kafka.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('tbody a[href^="/journeys/"]').count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    const href = (await page.locator('tbody a[href^="/journeys/"]').first().getAttribute('href'))!;

    await page.goto(`${ops}${href}`);
    await page.click('button:has-text("Show personal details")');
    await expect.poll(() => page.locator('#personal-details + dl').textContent()).toContain('Name');
    expect(await page.locator('body').textContent()).toContain('Contact preference');
    await page.screenshot({ path: `${shots}e2e-personal-details.png`, fullPage: true });

    await page.goto(`${ops}${href}/training-place`);
    await page.selectOption('#intakeId', { index: 1 });
    await page.click('button:has-text("Request the place")');
    await page.waitForURL(/done=request-training-place/);
    expect(await page.locator('[role=status]').textContent()).toMatch(
      /Request training place \((enrolled|waitlisted)\)/,
    );

    await page.goto(`${ops}${href}/placement`);
    await page.selectOption('#slotId', { index: 1 });
    await page.click('button:has-text("Propose the placement")');
    await page.waitForURL(/done=propose-placement&result=proposed/);

    const manager = await (await browser.newContext()).newPage();
    await signIn(manager, 'morgan', '/audit');
    const audit = (await manager.locator('tbody').textContent()) ?? '';
    for (const action of [
      'Personal details revealed',
      'Training place requested',
      'Placement proposed',
    ])
      expect(audit).toContain(action);
  });
});
