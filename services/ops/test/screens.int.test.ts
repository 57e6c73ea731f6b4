import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import { chromiumPath } from '@ladder/infra';
import { freePort } from '@ladder/testing';
import {
  journeyEvents,
  mentorAssignedEvent,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import { employerEvents } from './support/employer-events.js';
import { startJourneyWorker, type JourneyWorker } from './support/journey-worker.js';
import { servicesAt, startOpsApp, type OpsTestApp } from './support/ops-app.js';
import { signInInBrowser } from './support/staff-forms.js';
import { startStandInServices, type StandInServices } from './support/stand-in-services.js';

const blmk = 'blmk-stepping-into-health';
/** Screenshots of each screen, kept as git-ignored test artifacts. */
const shots = fileURLToPath(new URL('../test-artifacts/screens/', import.meta.url));

/** The flags known to work on these machines: no sandbox as root, no calls to Google's hosts. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the screens in a real browser', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let browser: Browser;
  let url: string;
  let stalled: MadeJourney;
  let fresh: MadeJourney;
  let employed: MadeJourney;
  let journeys: JourneyWorker;
  let services: StandInServices;
  let supported: MadeJourney;

  beforeAll(async () => {
    t = await startProjectionStack();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    journeys = await startJourneyWorker();
    services = await startStandInServices();
    ops = await startOpsApp(t, {
      publicUrl: url,
      temporal: journeys.temporal,
      services: servicesAt(services.url, services.operatorKeys, services.viewKey),
    });
    await ops.app.listen({ host: '127.0.0.1', port });
    await ops.organisation(
      'BLMK',
      'programme-operator',
      [scopes.programmesRead],
      'org-blmk-academy',
    );
    await t.startProjection();
    await t.publish([programmeEvent(blmk, 'org-blmk-academy')]);
    stalled = journeyEvents({
      programmeId: blmk,
      referredAt: '2026-03-01T10:00:00Z',
      steps: [
        { stage: 'engagement', at: '2026-03-02T10:00:00Z' },
        {
          stalled: 'first-contact',
          stage: 'engagement',
          at: '2026-03-24T10:00:00Z',
          dueAt: '2026-03-23T17:00:00Z',
        },
      ],
    });
    const ended = journeyEvents({
      programmeId: blmk,
      referredAt: '2026-03-05T10:00:00Z',
      steps: [
        { stage: 'engagement', at: '2026-03-06T10:00:00Z' },
        { stage: 'training', at: '2026-03-20T10:00:00Z' },
        { outcome: 'further-education', at: '2026-05-01T10:00:00Z', final: true },
      ],
    });
    fresh = journeyEvents({ programmeId: blmk, referredAt: '2026-03-09T10:00:00Z' });
    employed = journeyEvents({
      programmeId: blmk,
      referredAt: '2026-02-02T10:00:00Z',
      steps: [{ stage: 'pre-employment-checks', at: '2026-04-01T09:00:00Z' }],
    });
    supported = journeyEvents({ programmeId: blmk, referredAt: new Date().toISOString() });
    const all = [
      ...stalled.events,
      ...ended.events,
      ...fresh.events,
      ...employed.events,
      ...supported.events,
    ];
    await t.publish(all);
    await t.waitForMilestones(all.length);
    // Casey mentors the stalled journey and the supported one (as the journey would publish).
    await t.publish(
      [stalled, supported].map((j) => mentorAssignedEvent(j, 'casey', '2026-03-10T10:00:00Z')),
    );
    await t.waitForMilestones(all.length + 2);
    await journeys.start(supported);
    services.person(supported.participantId, 'org-blmk-academy', {
      released: true,
      person: {
        givenName: 'Nadia',
        familyName: 'Example',
        contactPreference: 'phone',
        reasonableAdjustments: ['written instructions', 'step-free access'],
      },
    });
    services.enrol(supported.participantId, blmk, 'org-blmk-academy');
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    services.intake({ id: randomUUID(), course: 'Care Certificate', startsOn: inDays(12) });
    services.intake({
      id: randomUUID(),
      course: 'Level 2 Diploma in Care',
      startsOn: inDays(30),
      refuse: { status: 409, detail: 'the participant already has a place on this intake' },
    });
    services.slot({ id: randomUUID(), startsOn: inDays(14) });
    services.vacancy({ id: randomUUID(), closesOn: inDays(40) });
    await t.publish(employerEvents(employed, 'checks-under-way'));
    await journeys.start(fresh);
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await ops?.close();
    await services?.close();
    await journeys?.close();
    await t?.close();
  });

  const signIn = (page: Page, login: string, path: string) =>
    signInInBrowser(page, url, login, path);

  async function check(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      name,
    ).toEqual([]);
  }

  it("when a caseworker signs in, then the journeys, the stalled work and a participant's page show with no accessibility violations", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'casey', '/journeys');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Journeys');
    await check(page, 'journeys');
    await page.click('text=Stalled and at risk');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await check(page, 'stalled-and-at-risk');
    await page.click(`a[href="/journeys/${stalled.referralId}"]`);
    await expect
      .poll(() => page.locator('body').textContent())
      .toContain('first-contact from programme-operator');
    await check(page, 'participant');
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(`${url}/signed-out`);
    await check(page, 'signed-out');
    expect((await context.cookies(url)).map((c) => c.name)).not.toContain('ops_session');
    await context.close();
  });

  it('when a caseworker withdraws a participant and then records an outcome on the ended journey, then the first is done and the second shows the refusal, with no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'casey', `/journeys/${fresh.referralId}`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Live state');
    await check(page, 'participant-live');
    await page.selectOption('#withdraw-reasonCode', 'moved-away');
    await page.click('button:has-text("Withdraw from the programme")');
    await page.waitForURL(`${url}/journeys/${fresh.referralId}?done=withdraw`);
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Withdraw');
    await check(page, 'action-done');
    await page.selectOption('#record-outcome-outcome', 'volunteering');
    await page.click('button:has-text("Record the outcome")');
    await expect
      .poll(() => page.locator('.nhsuk-error-summary').textContent())
      .toContain('The journey refused it: the journey is not running');
    await check(page, 'action-refused');
    await context.close();
  });

  it('when a manager opens the report, a figure and the audit log, then the chart, the tables, the journeys behind it and the export show with no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'morgan', '/report');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Outcome report');
    await check(page, 'report');
    await page.click('a:has-text("1 people: Further education")');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await check(page, 'report-drill-down');
    await page.request.get(`${url}/v1/ops/reports/outcomes.csv`);
    await page.click('text=Audit log');
    await expect.poll(() => page.locator('tbody tr:has-text("Report exported")').count()).toBe(1);
    await check(page, 'audit-log');
    await context.close();
  });

  it('when a caseworker opens the journeys waiting on an employer and one of them, then its placement, offer, checks and employment show in words, with no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'casey', '/journeys');
    await page.click('text=Waiting on employers');
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Journeys waiting on an employer');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await check(page, 'waiting-on-employers');
    await page.click(`a[href="/journeys/${employed.referralId}"]`);
    const body = () => page.locator('body').textContent();
    await expect.poll(body).toContain('Healthcare support worker, Band 2');
    const text = await body();
    for (const words of [
      'Work experience',
      'Confirmed',
      'Attended',
      'Successful',
      'Employment history and references',
      'Waiting for third party',
      'Third party (Referee)',
      'Criminal record and barring',
      'Not started',
    ])
      expect(text).toContain(words);
    expect(
      await page
        .locator('table:has-text("Pre-employment checks for offer") .nhsuk-tag--red')
        .count(),
    ).toBe(5);
    await check(page, 'participant-employment');
    await page.goto(`${url}/journeys?deadlineWithinDays=0&order=deadline`);
    await expect
      .poll(() => page.locator(`tbody a[href="/journeys/${employed.referralId}"]`).count())
      .toBe(1);
    await check(page, 'deadline-within');
    await context.close();
  });

  it("when a caseworker shows a participant's personal details, requests a training place (one refused) and proposes a placement, then each screen shows what came of it with no violations", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'casey', `/journeys/${supported.referralId}`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Live state');
    await page.click('button:has-text("Show personal details")');
    await expect.poll(() => page.locator('body').textContent()).toContain('Nadia Example');
    expect(await page.locator('body').textContent()).toContain('step-free access');
    await check(page, 'personal-details');
    await page.goto(`${url}/journeys/${supported.referralId}`);
    expect(await page.locator('body').textContent()).not.toContain('Nadia Example');

    await page.click('text=Request a training place');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Request a training place');
    await check(page, 'training-place');
    // Soonest first: the Care Certificate, then the diploma.
    await page.selectOption('#intakeId', { index: 2 });
    await page.click('button:has-text("Request the place")');
    await expect
      .poll(() => page.locator('.nhsuk-error-summary').textContent())
      .toContain('the participant already has a place on this intake');
    await check(page, 'training-place-refused');
    await page.selectOption('#intakeId', { index: 1 });
    await page.click('button:has-text("Request the place")');
    await page.waitForURL(/done=request-training-place&result=waitlisted/);
    await check(page, 'training-place-done');

    await page.click('text=Propose a placement');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Propose a placement');
    await check(page, 'placement');
    await page.selectOption('#slotId', { index: 1 });
    await page.click('button:has-text("Propose the placement")');
    await page.waitForURL(/done=propose-placement&result=proposed/);
    await context.close();
  });

  it('when a mentor records support, one step refused, and opens their caseload, then the support page and the caseload show with no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'casey', `/journeys/${supported.referralId}/support`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Employability support');
    await check(page, 'support');
    await page.check('#cv-code-3');
    await page.click('button:has-text("Record the CV")');
    await expect
      .poll(() => page.locator('.nhsuk-error-summary').textContent())
      .toContain('The journey refused it');
    await check(page, 'support-refused');
    for (const [radio, button] of [
      ['#engagement-code', 'Record engagement'],
      ['#engagement-code-2', 'Record engagement'],
      ['#cv-code-3', 'Record the CV'],
      ['#mock-interview-code', 'Record the mock interview'],
    ] as const) {
      await page.check(radio);
      await page.click(`button:has-text("${button}")`);
      await page.waitForURL(/done=record-milestone/);
    }
    await page.selectOption('#application-vacancyId', { index: 1 });
    await page.click('button:has-text("Record the application")');
    await page.waitForURL(/result=application-submitted/);
    await expect
      .poll(() => page.locator('body').textContent())
      .toContain('Healthcare support worker, Band 2');
    await check(page, 'support-recorded');

    await page.click('text=My caseload');
    await expect.poll(() => page.locator('h1').textContent()).toBe('My caseload');
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(stalled.referralId.slice(0, 8));
    expect(await rows.first().textContent()).toContain('Overdue');
    await check(page, 'caseload');
    await context.close();
  });

  it('when an admin opens the dead letters, then the screen shows with no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'ada', '/dead-letters');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dead letters');
    await check(page, 'dead-letters');
    await context.close();
  });
});
