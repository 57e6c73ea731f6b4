import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import type { StaffRole } from '@ladder/vocabulary';
import { startJourneyWorker, type JourneyWorker } from './support/journey-worker.js';
import { startOpsApp, type OpsTestApp } from './support/ops-app.js';
import { auditOf, staffSession } from './support/staff-forms.js';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';

const blmk = 'blmk-stepping-into-health';

describe("a participant's page: the live state and the actions, on a real journey workflow", () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let journeys: JourneyWorker;
  let running: MadeJourney;
  let unstarted: MadeJourney;

  const session = (login: string, organisationId: string, role: StaffRole) =>
    staffSession(t.pool, login, organisationId, role);
  const page = (id: string, token: string) =>
    ops.app.inject({ method: 'GET', url: `/journeys/${id}`, cookies: { ops_session: token } });
  const act = (id: string, who: { token: string; csrf: string }, form: Record<string, string>) =>
    ops.app.inject({
      method: 'POST',
      url: `/journeys/${id}/actions`,
      cookies: { ops_session: who.token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
    });
  const audit = (action: string) => auditOf(t.pool, action);

  beforeAll(async () => {
    t = await startProjectionStack();
    journeys = await startJourneyWorker();
    ops = await startOpsApp(t, { temporal: journeys.temporal });
    await ops.organisation(
      'BLMK',
      'programme-operator',
      [scopes.programmesRead],
      'org-blmk-academy',
    );
    await ops.organisation(
      'Northants',
      'programme-operator',
      [scopes.programmesRead],
      'org-northants-icb',
    );
    await t.startProjection();
    await t.publish([programmeEvent(blmk, 'org-blmk-academy')]);
    running = journeyEvents({ programmeId: blmk, referredAt: new Date().toISOString() });
    unstarted = journeyEvents({ programmeId: blmk, referredAt: new Date().toISOString() });
    await t.publish([...running.events, ...unstarted.events]);
    await t.waitForMilestones(running.events.length + unstarted.events.length);
    await journeys.start(running);
  }, 120_000);
  afterAll(async () => {
    await ops.close();
    await journeys.close();
    await t.close();
  });

  it('when a caseworker opens a running journey, then the page shows its live stage, deadlines and checks from the query', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const response = await page(running.referralId, casey.token);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Live state');
    expect(response.body).toContain('Pre-employment checks');
    expect(response.body).toContain('Criminal record and barring');
    expect(response.body).toContain('First contact');
    expect(response.body).toContain('action="/journeys/' + running.referralId + '/actions"');
  });

  it('when the journey has no workflow, then the page says it was not found', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const response = await page(unstarted.referralId, casey.token);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The journey workflow was not found');
    expect(response.body).not.toContain('/actions"');
  });

  it('when the workflow refuses an action, then the form shows its reason in an error summary and the refusal is audited', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    // Hired comes from the employer, never from ops: the workflow's validator refuses it.
    const response = await act(running.referralId, casey, {
      action: 'record-outcome',
      outcome: 'hired',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('ops cannot record hired');
    const [entry] = await audit('outcome-recorded');
    expect(entry).toMatchObject({
      actor: 'staff:casey',
      subject: running.referralId,
      detail: { outcome: 'hired', result: 'refused' },
    });
  });

  it('when a form is out of range, then it is refused on the form before it reaches the workflow', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const response = await act(running.referralId, casey, {
      action: 'extend-deadline',
      deadline: 'first-contact',
      days: '91',
      reasonCode: 'participant-unwell',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('href="#extend-deadline-days"');
    expect(await audit('deadline-extended')).toEqual([]);
  });

  it('when a caseworker extends a deadline and then assigns a mentor to an engaged participant, then the journey accepts both and the page shows them', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const extended = await act(running.referralId, casey, {
      action: 'extend-deadline',
      deadline: 'first-contact',
      days: '10',
      reasonCode: 'participant-unwell',
    });
    expect(extended.statusCode).toBe(303);
    expect(extended.headers.location).toBe(`/journeys/${running.referralId}?done=extend-deadline`);
    expect((await page(running.referralId, casey.token)).body).toContain('extended by 10 days');
    expect(await audit('deadline-extended')).toMatchObject([
      {
        detail: {
          deadline: 'first-contact',
          days: 10,
          reasonCode: 'participant-unwell',
          result: 'accepted',
        },
      },
    ]);
    await journeys.report(running, 'acknowledged');
    await journeys.report(running, 'first-contact');
    const assigned = await act(running.referralId, casey, {
      action: 'assign-mentor',
      mentorId: 'mentor-17',
    });
    expect(assigned.statusCode).toBe(303);
    expect((await page(running.referralId, casey.token)).body).toContain('mentor-17');
  });

  it("when a viewer, another operator's staff or a form without its CSRF token acts, then it is refused", async () => {
    const viewer = await session('vic', 'org-blmk-academy', 'viewer');
    const withdraw = { action: 'withdraw', reasonCode: 'participant-request' };
    expect((await act(running.referralId, viewer, withdraw)).statusCode).toBe(403);
    expect((await page(running.referralId, viewer.token)).body).not.toContain('/actions"');
    const nico = await session('nico', 'org-northants-icb', 'manager');
    expect((await act(running.referralId, nico, withdraw)).statusCode).toBe(404);
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    expect((await act(running.referralId, { ...casey, csrf: 'wrong' }, withdraw)).statusCode).toBe(
      403,
    );
    expect(await audit('journey-withdrawn')).toEqual([]);
  });

  it('when a caseworker withdraws the participant, then the journey ends withdrawn and a second withdrawal is refused', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const withdraw = { action: 'withdraw', reasonCode: 'participant-request' };
    expect((await act(running.referralId, casey, withdraw)).statusCode).toBe(303);
    expect((await page(running.referralId, casey.token)).body).toContain('Withdrawn');
    const again = await act(running.referralId, casey, withdraw);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('nhsuk-error-summary');
    expect((await audit('journey-withdrawn')).map((e) => e.detail.result)).toEqual([
      'accepted',
      'refused',
    ]);
  });
});
