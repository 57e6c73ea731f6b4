import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import type { StaffRole } from '@ladder/vocabulary';
import type { JourneyState } from '@ladder/workflow-contracts';
import { connectJourneys } from '../src/temporal/journey-client.js';
import { startJourneyWorker, type JourneyWorker } from './support/journey-worker.js';
import { servicesAt, startOpsApp, type OpsTestApp } from './support/ops-app.js';
import {
  journeyEvents,
  mentorAssignedEvent,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import { auditOf, staffForms, staffSession, type StaffSession } from './support/staff-forms.js';
import { startStandInServices, type StandInServices } from './support/stand-in-services.js';

const blmk = 'blmk-stepping-into-health';
const northants = 'northants-young-people';

describe('employability support and a mentor’s caseload, on a real journey workflow', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let journeys: JourneyWorker;
  let services: StandInServices;
  let supported: MadeJourney;
  let stalled: MadeJourney;
  let theirs: MadeJourney;
  const vacancy = randomUUID();
  let closeTemporal: (() => Promise<void>) | undefined;

  const session = (login: string, organisationId: string, role: StaffRole) =>
    staffSession(t.pool, login, organisationId, role);
  type Who = StaffSession;
  const get = (path: string, who: Who) => staffForms(ops.app).get(path, who);
  const post = (path: string, who: Who, form: Record<string, string> = {}) =>
    staffForms(ops.app).post(path, who, form);
  /** The support page's token of one of its forms. */
  const tokenOf = (html: string, form: string) =>
    new RegExp(
      `name="form" value="${form}">\\s*<input type="hidden" name="formToken" value="([^"]+)"`,
    ).exec(html)?.[1] ?? '';
  const supportPath = () => `/journeys/${supported.referralId}/support`;
  /** Sends one form of the support page as it was just rendered. */
  const record = async (who: Who, form: string, fields: Record<string, string>) => {
    const page = await get(supportPath(), who);
    return post(supportPath(), who, { form, formToken: tokenOf(page.body, form), ...fields });
  };
  /** What the journey under test asked to publish, as the worker's activity got it. */
  const publishedCodes = () => journeys.published.flatMap((p) => p.events);
  let liveState: () => Promise<JourneyState>;
  const audit = () => auditOf(t.pool, 'milestone-recorded');

  beforeAll(async () => {
    t = await startProjectionStack();
    journeys = await startJourneyWorker();
    services = await startStandInServices();
    ops = await startOpsApp(t, {
      temporal: journeys.temporal,
      services: servicesAt(services.url, services.operatorKeys, services.viewKey),
    });
    for (const [name, id] of [
      ['BLMK', 'org-blmk-academy'],
      ['Northants', 'org-northants-icb'],
    ] as const)
      await ops.organisation(name, 'programme-operator', [scopes.reportsRead], id);
    await t.startProjection();
    await t.publish([
      programmeEvent(blmk, 'org-blmk-academy'),
      programmeEvent(northants, 'org-northants-icb'),
    ]);
    supported = journeyEvents({ programmeId: blmk, referredAt: new Date().toISOString() });
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
    theirs = journeyEvents({ programmeId: northants, referredAt: '2026-03-03T10:00:00Z' });
    const all = [...supported.events, ...stalled.events, ...theirs.events];
    await t.publish(all);
    await t.waitForMilestones(all.length);
    await journeys.start(supported);
    const temporal = await connectJourneys(journeys.temporal);
    closeTemporal = temporal.close;
    liveState = async () => (await temporal.journeys.state(supported))!;
    services.vacancy({ id: vacancy, closesOn: '2027-03-31' });
  }, 180_000);
  afterAll(async () => {
    await closeTemporal?.();
    await ops?.close();
    await services?.close();
    await journeys?.close();
    await t?.close();
  });

  it('when a caseworker opens the support page, then every support step is still to do and each form is there', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const page = await get(supportPath(), casey);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CV, Job application, Mock interview, Mentoring session');
    for (const form of ['engagement', 'cv', 'application', 'mock-interview', 'mentoring-session'])
      expect(tokenOf(page.body, form)).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.body).toContain('Healthcare support worker, Band 2');
  });

  it('when support comes before its stage, then the journey refuses it and the form says why; the refusal is audited', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const refused = await record(casey, 'cv', { code: 'cv-ready' });
    console.log(
      'DEBUG',
      /nhsuk-error-summary[\s\S]{0,900}/.exec(refused.body)?.[0],
      JSON.stringify(journeys.published).slice(0, 1500),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect(refused.body).toContain(
      'The journey refused it: something that must come first has not been recorded',
    );
    // The form is shown again as it was sent, its error at its field.
    expect(refused.body).toContain('href="#cv-code"');
    expect(refused.body).toMatch(
      /id="cv-code-3" name="code" type="radio" value="cv-ready" checked/,
    );
    expect((await audit()).at(-1)).toEqual({
      actor: 'staff:casey',
      subject: supported.referralId,
      detail: { code: 'cv-ready', result: 'refused', reason: 'missing-prerequisite' },
    });
  });

  it('when the same form is sent twice, then the journey records it once', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const page = await get(supportPath(), casey);
    const fields = {
      form: 'engagement',
      formToken: tokenOf(page.body, 'engagement'),
      code: 'first-contact',
    };
    for (const sent of [
      await post(supportPath(), casey, fields),
      await post(supportPath(), casey, fields),
    ]) {
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(
        `${supportPath()}?done=record-milestone&result=first-contact`,
      );
    }
    const live = await liveState();
    expect(live.milestones.filter((m) => m.code === 'first-contact')).toHaveLength(1);
    // The journey publishes it once (its activity runs after the update has answered).
    await expect
      .poll(() => publishedCodes().filter((e) => e.code === 'first-contact'))
      .toMatchObject([{ kind: 'milestone-recorded', recordedBy: 'casey' }]);
  });

  it('when a mentor records the action plan, the CV, an application and its outcome, a mock interview and a mentoring session, then nothing is left to do', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    for (const [form, fields] of [
      ['engagement', { code: 'action-plan-agreed' }],
      ['cv', { code: 'cv-ready' }],
      ['application', { vacancyId: vacancy }],
      ['application-outcome', { ref: vacancy, applicationOutcome: 'unsuccessful' }],
      ['mock-interview', { code: 'mock-interview-held' }],
      ['mentoring-session', { code: 'mentoring-session-held' }],
    ] as const) {
      const sent = await record(casey, form, fields);
      expect(
        sent.statusCode,
        `${form}: ${/error-summary__list[\s\S]{0,400}/.exec(sent.body)?.[0]}`,
      ).toBe(303);
    }
    const page = await get(
      `${supportPath()}?done=record-milestone&result=mentoring-session-held`,
      casey,
    );
    expect(page.body).toContain('Recorded: mentoring session held. Accepted by the journey.');
    expect(page.body).toMatch(
      /Still to do\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*Nothing/,
    );
    expect(page.body).toContain('Unsuccessful');
    expect((await audit()).map((e) => e.detail.result)).toEqual([
      'refused',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    const participant = await get(`/journeys/${supported.referralId}`, casey);
    expect(participant.body).toMatch(
      /Support still to do\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*Nothing/,
    );
  });

  it("when a viewer or another operator's staff open or send the support forms, then they are refused and the journey hears nothing", async () => {
    const recorded = (await audit()).length;
    const vic = await session('vic', 'org-blmk-academy', 'viewer');
    const nico = await session('nico', 'org-northants-icb', 'manager');
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const fields = {
      form: 'mock-interview',
      formToken: randomUUID(),
      code: 'mock-interview-missed',
    };
    expect((await get(supportPath(), vic)).statusCode).toBe(403);
    expect((await post(supportPath(), vic, fields)).statusCode).toBe(403);
    expect((await get(supportPath(), nico)).statusCode).toBe(404);
    expect((await post(supportPath(), nico, fields)).statusCode).toBe(404);
    expect((await post(supportPath(), { ...casey, csrf: 'wrong' }, fields)).statusCode).toBe(403);
    const unknown = await post(supportPath(), casey, { ...fields, code: 'hired' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('href="#mock-interview-code"');
    expect((await audit()).length).toBe(recorded);
  });

  it('when a caseworker assigns themselves as mentor, then the journey publishes who assigned whom', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const assigned = await post(`/journeys/${supported.referralId}/actions`, casey, {
      action: 'assign-mentor',
      mentorId: 'casey',
    });
    expect(assigned.statusCode).toBe(303);
    await expect
      .poll(() => publishedCodes().filter((e) => e.code === 'mentor-assigned'))
      .toMatchObject([{ mentorId: 'casey', recordedBy: 'casey' }]);
  });

  it("when the read model hears of mentor assignments, then each mentor's caseload lists their operator's participants still in progress, the most urgent first, and the timeline shows them", async () => {
    await t.publish([
      mentorAssignedEvent(supported, 'casey', new Date().toISOString()),
      mentorAssignedEvent(stalled, 'morgan', '2026-03-03T10:00:00Z'),
      mentorAssignedEvent(stalled, 'casey', '2026-03-04T10:00:00Z'),
      // Another operator's participant whose mentor has the same id: never in BLMK's caseloads.
      mentorAssignedEvent(theirs, 'casey', '2026-03-04T10:00:00Z'),
      // Nico is Northants's; a BLMK journey naming him is not in his caseload.
      mentorAssignedEvent(
        journeyEvents({ programmeId: blmk, referredAt: '2026-03-05T10:00:00Z' }),
        'nico',
        '2026-03-05T10:00:00Z',
      ),
    ]);
    const all = supported.events.length + stalled.events.length + theirs.events.length;
    await t.waitForMilestones(all + 5);
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const caseload = await get('/caseload', casey);
    expect(caseload.statusCode).toBe(200);
    const listed = [...caseload.body.matchAll(/<a href="\/journeys\/([0-9a-f-]{36})">/g)].map(
      (m) => m[1],
    );
    // The stalled journey is overdue: before the one on time.
    expect(listed).toEqual([stalled.referralId, supported.referralId]);
    expect(caseload.body).toContain('Overdue');
    expect(caseload.body).toContain('First contact from programme operator');

    const morgan = await session('morgan', 'org-blmk-academy', 'manager');
    expect((await get('/caseload', morgan)).body).toContain('You are nobody');
    const nico = await session('nico', 'org-northants-icb', 'manager');
    expect((await get('/caseload', nico)).body).toContain('You are nobody');

    const timeline = await get(`/journeys/${stalled.referralId}`, casey);
    expect(timeline.body).toContain('Mentor assigned: casey (recorded by morgan)');
    expect(timeline.body).toMatch(
      /Mentor\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*casey/,
    );
  });
});
