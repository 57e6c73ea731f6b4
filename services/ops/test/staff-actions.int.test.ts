import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { scopes } from '@ladder/auth';
import type { StaffRole } from '@ladder/vocabulary';
import { submissionKey } from '../src/domain/form-submission.js';
import { capturedLogs } from './support/captured-logs.js';
import { bearer, servicesAt, startOpsApp, type OpsTestApp } from './support/ops-app.js';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import { auditOf, staffForms, staffSession, type StaffSession } from './support/staff-forms.js';
import { startStandInServices, type StandInServices } from './support/stand-in-services.js';

const blmk = 'blmk-stepping-into-health';
const northants = 'northants-young-people';
const day = (fromToday: number) =>
  new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10);

describe("a participant's personal details and the actions other services take, as the staff member's operator", () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let services: StandInServices;
  const logs = capturedLogs();
  let consented: MadeJourney;
  let unconsented: MadeJourney;
  let theirs: MadeJourney;
  const intake = { now: randomUUID(), past: randomUUID(), full: randomUUID() };
  const slot = randomUUID();

  const session = (login: string, organisationId: string, role: StaffRole) =>
    staffSession(t.pool, login, organisationId, role);
  type Who = StaffSession;
  const get = (path: string, who: Who) => staffForms(ops.app).get(path, who);
  const post = (path: string, who: Who, form: Record<string, string> = {}) =>
    staffForms(ops.app).post(path, who, form);
  const formTokenOf = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const audit = (action: string) => auditOf(t.pool, action);

  beforeAll(async () => {
    t = await startProjectionStack();
    services = await startStandInServices();
    // Ops holds BLMK's key only: Northants's staff are told it cannot act for them.
    ops = await startOpsApp(t, {
      logger: logs.logger,
      services: servicesAt(
        services.url,
        { 'org-blmk-academy': services.operatorKeys['org-blmk-academy']! },
        services.viewKey,
      ),
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
    consented = journeyEvents({ programmeId: blmk, referredAt: '2026-03-01T10:00:00Z' });
    unconsented = journeyEvents({ programmeId: blmk, referredAt: '2026-03-02T10:00:00Z' });
    theirs = journeyEvents({ programmeId: northants, referredAt: '2026-03-03T10:00:00Z' });
    const all = [...consented.events, ...unconsented.events, ...theirs.events];
    await t.publish(all);
    await t.waitForMilestones(all.length);
    services.person(consented.participantId, 'org-blmk-academy', {
      released: true,
      person: {
        givenName: 'Dorothea',
        familyName: 'Quillfeather',
        contactPreference: 'text-message',
        reasonableAdjustments: ['written instructions', 'quiet room for interviews'],
      },
    });
    services.person(unconsented.participantId, 'org-blmk-academy', {
      released: false,
      reason: 'no-consent',
    });
    services.person(theirs.participantId, 'org-northants-icb', {
      released: false,
      reason: 'no-consent',
    });
    for (const j of [consented, unconsented])
      services.enrol(j.participantId, blmk, 'org-blmk-academy');
    services.enrol(theirs.participantId, northants, 'org-northants-icb');
    services.intake({ id: intake.now, course: 'Care Certificate', startsOn: day(10) });
    services.intake({ id: intake.past, course: 'Started already', startsOn: day(-3) });
    services.intake({
      id: intake.full,
      course: 'Level 2 Diploma',
      startsOn: day(20),
      refuse: { status: 409, detail: 'the participant already has a place on this intake' },
    });
    services.slot({ id: slot, startsOn: day(14) });
  });
  afterAll(async () => {
    await ops?.close();
    await services?.close();
    await t?.close();
  });

  describe('personal details', () => {
    it('when a caseworker shows them, then the consented view is on that response only, uncached, asked for the operator, and the reveal is audited without them', async () => {
      const casey = await session('casey', 'org-blmk-academy', 'caseworker');
      const page = await get(`/journeys/${consented.referralId}`, casey);
      expect(page.body).toContain('Show personal details');
      expect(page.body).not.toContain('Quillfeather');

      const shown = await post(`/journeys/${consented.referralId}/personal-details`, casey);
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['cache-control']).toBe('no-store');
      for (const words of [
        'Dorothea Quillfeather',
        'Text message',
        'written instructions',
        'quiet room for interviews',
      ])
        expect(shown.body).toContain(words);
      expect(services.viewsAsked.at(-1)).toEqual({
        participantId: consented.participantId,
        query: {
          purpose: 'programme-delivery',
          recipient: 'programme-operator',
          onBehalfOf: 'org-blmk-academy',
        },
      });
      expect((await get(`/journeys/${consented.referralId}`, casey)).body).not.toContain(
        'Quillfeather',
      );
      expect(await audit('personal-details-revealed')).toEqual([
        { actor: 'staff:casey', subject: consented.referralId, detail: { result: 'released' } },
      ]);
      const stored = await t.pool.query<{ dump: string }>(
        `select string_agg(t::text, '') as dump from (
           select row_to_json(a)::text as t from audit_log a
           union all select row_to_json(s)::text from staff_session s) x`,
      );
      expect(stored.rows[0]!.dump).not.toContain('Quillfeather');
      expect(logs.lines.join('')).not.toContain('Quillfeather');
    });

    it('when the consent does not cover it or the referral service fails, then nothing is shown, the page says why and each ask is audited', async () => {
      const casey = await session('casey', 'org-blmk-academy', 'caseworker');
      const refused = await post(`/journeys/${unconsented.referralId}/personal-details`, casey);
      expect(refused.statusCode).toBe(200);
      expect(refused.body).toContain('consent does not cover programme delivery');
      services.failNextView();
      const failed = await post(`/journeys/${unconsented.referralId}/personal-details`, casey);
      expect(failed.body).toContain('The referral service did not answer');
      expect(
        (await audit('personal-details-revealed'))
          .filter((e) => e.subject === unconsented.referralId)
          .map((e) => e.detail),
      ).toEqual([
        { result: 'not-released', reason: 'no-consent' },
        { result: 'not-released', reason: 'unavailable' },
      ]);
    });

    it("when a viewer, another operator's staff, an API key or a form without its CSRF token asks, then it is refused and nothing is asked or audited", async () => {
      const asked = services.viewsAsked.length;
      const audited = (await audit('personal-details-revealed')).length;
      const path = `/journeys/${consented.referralId}/personal-details`;
      const vic = await session('vic', 'org-blmk-academy', 'viewer');
      expect((await post(path, vic)).statusCode).toBe(403);
      const viewerPage = await get(`/journeys/${consented.referralId}`, vic);
      expect(viewerPage.body).not.toContain('Show personal details');
      const nico = await session('nico', 'org-northants-icb', 'manager');
      expect((await post(path, nico)).statusCode).toBe(404);
      const casey = await session('casey', 'org-blmk-academy', 'caseworker');
      expect((await post(path, { ...casey, csrf: 'wrong' })).statusCode).toBe(403);
      const key = await ops.organisation('BLMK reports', 'programme-operator', [
        scopes.reportsRead,
      ]);
      const byKey = await ops.app.inject({ method: 'POST', url: path, headers: bearer(key) });
      // An API key reads; it is not a member of staff, who alone act: sent to sign in.
      expect(byKey.statusCode).toBe(303);
      expect(byKey.headers.location).toContain('/sign-in');
      expect(services.viewsAsked.length).toBe(asked);
      expect((await audit('personal-details-revealed')).length).toBe(audited);
    });
  });

  describe('a training place', () => {
    it('when a caseworker chooses an intake and sends the form twice, then the place is requested once with a key of that form, and the page says what came of it', async () => {
      const casey = await session('casey', 'org-blmk-academy', 'caseworker');
      const path = `/journeys/${consented.referralId}/training-place`;
      const form = await get(path, casey);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Care Certificate, Luton Adult Learning (LU)');
      expect(form.body).not.toContain('Started already');
      const formToken = formTokenOf(form.body);
      const fields = { formToken, intakeId: intake.now };
      const first = await post(path, casey, fields);
      const second = await post(path, casey, fields);
      for (const sent of [first, second]) {
        expect(sent.statusCode).toBe(303);
        expect(sent.headers.location).toBe(
          `/journeys/${consented.referralId}?done=request-training-place&result=waitlisted`,
        );
      }
      const made = services.created.filter((c) => c.path === `/v1/intakes/${intake.now}/places`);
      expect(made).toEqual([
        {
          path: `/v1/intakes/${intake.now}/places`,
          idempotencyKey: submissionKey({
            referralId: consented.referralId,
            action: 'request-training-place',
            formToken,
          }),
          body: { participantId: consented.participantId, programmeId: blmk },
        },
      ]);
      const done = await get(first.headers.location!, casey);
      expect(done.body).toContain('Done: Request training place (waitlisted)');
      expect((await audit('training-place-requested')).map((e) => e.detail)).toMatchObject([
        { intakeId: intake.now, result: 'accepted', status: 'waitlisted' },
        { intakeId: intake.now, result: 'accepted', status: 'waitlisted' },
      ]);
    });

    it('when the training service refuses or no intake is chosen, then the form shows why and only the refusal is audited', async () => {
      const casey = await session('casey', 'org-blmk-academy', 'caseworker');
      const path = `/journeys/${consented.referralId}/training-place`;
      const formToken = formTokenOf((await get(path, casey)).body);
      const refused = await post(path, casey, { formToken, intakeId: intake.full });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('nhsuk-error-summary');
      expect(refused.body).toContain(
        'The training service refused it: the participant already has a place on this intake',
      );
      const before = (await audit('training-place-requested')).length;
      const unchosen = await post(path, casey, { formToken, intakeId: '' });
      expect(unchosen.statusCode).toBe(422);
      expect(unchosen.body).toContain('href="#intakeId"');
      expect(unchosen.body).toContain('choose intake');
      const entries = await audit('training-place-requested');
      expect(entries.length).toBe(before);
      expect(entries.at(-1)).toMatchObject({
        detail: { intakeId: intake.full, result: 'refused' },
      });
    });
  });

  describe('a placement', () => {
    it('when a caseworker proposes a participant for an open slot, then the employer service has it from the operator and the page says so', async () => {
      const morgan = await session('morgan', 'org-blmk-academy', 'manager');
      const path = `/journeys/${unconsented.referralId}/placement`;
      const form = await get(path, morgan);
      expect(form.body).toContain(
        'Work experience, healthcare support worker: Luton and Dunstable University Hospital (LU4)',
      );
      const sent = await post(path, morgan, { formToken: formTokenOf(form.body), slotId: slot });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(
        `/journeys/${unconsented.referralId}?done=propose-placement&result=proposed`,
      );
      expect(
        services.created.filter((c) => c.path.startsWith('/v1/placement-slots/')),
      ).toMatchObject([{ body: { participantId: unconsented.participantId, programmeId: blmk } }]);
      expect(await audit('placement-proposed')).toMatchObject([
        { actor: 'staff:morgan', detail: { slotId: slot, result: 'accepted', status: 'proposed' } },
      ]);
    });
  });

  it('when the operator has no key in ops, then its staff see why its actions cannot be taken, and the refusal is audited', async () => {
    const nico = await session('nico', 'org-northants-icb', 'manager');
    const placement = await get(`/journeys/${theirs.referralId}/placement`, nico);
    expect(placement.statusCode).toBe(200);
    expect(placement.body).toContain(
      'ops holds no API key of your organisation for the employer service',
    );
    const path = `/journeys/${theirs.referralId}/training-place`;
    const form = await get(path, nico);
    const sent = await post(path, nico, {
      formToken: formTokenOf(form.body),
      intakeId: intake.now,
    });
    expect(sent.statusCode).toBe(422);
    expect(sent.body).toContain(
      'ops holds no API key of your organisation for the training service',
    );
    expect((await audit('training-place-requested')).at(-1)).toMatchObject({
      actor: 'staff:nico',
      subject: theirs.referralId,
      detail: { result: 'refused' },
    });
  });

  it("when a viewer or another operator's staff open or send these forms, then they are refused and nothing reaches the other services", async () => {
    const created = services.created.length;
    const vic = await session('vic', 'org-blmk-academy', 'viewer');
    const nico = await session('nico', 'org-northants-icb', 'manager');
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    for (const [action, field, value] of [
      ['training-place', 'intakeId', intake.now],
      ['placement', 'slotId', slot],
    ] as const) {
      const path = `/journeys/${consented.referralId}/${action}`;
      const fields = { formToken: randomUUID(), [field]: value };
      expect((await get(path, vic)).statusCode).toBe(403);
      expect((await post(path, vic, fields)).statusCode).toBe(403);
      expect((await get(path, nico)).statusCode).toBe(404);
      expect((await post(path, nico, fields)).statusCode).toBe(404);
      expect((await post(path, { ...casey, csrf: 'wrong' }, fields)).statusCode).toBe(403);
      const anonymous = await ops.app.inject({ method: 'GET', url: path });
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toContain('/sign-in');
    }
    expect(services.created.length).toBe(created);
  });
});
