import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import { listDeadLetters } from '@ladder/kafka';
import { createSession } from '../src/db/staff-sessions.repository.js';
import {
  journeyEvents,
  profileShared,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import { startOpsApp, type OpsTestApp } from './support/ops-app.js';

const blmk = 'blmk-stepping-into-health';
const northants = 'northants-young-people';
/** Rendered pages are kept for a look (git-ignored test artifacts). */
const artifacts = new URL('../test-artifacts/pages/', import.meta.url);

describe('the screens', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let stalled: MadeJourney;
  let ended: MadeJourney;
  let theirs: MadeJourney;
  const session = (
    login: string,
    organisationId: string,
    role: 'caseworker' | 'manager' | 'admin',
  ) =>
    createSession(t.pool, { subject: login, displayName: login, organisationId, role }, 3_600_000);

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t);
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
    await t.publish([
      programmeEvent(blmk, 'org-blmk-academy'),
      programmeEvent(northants, 'org-northants-icb'),
    ]);
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
    ended = journeyEvents({
      programmeId: blmk,
      referredAt: '2026-03-05T10:00:00Z',
      steps: [
        { stage: 'engagement', at: '2026-03-06T10:00:00Z' },
        { outcome: 'further-education', at: '2026-05-01T10:00:00Z', final: true },
      ],
    });
    theirs = journeyEvents({ programmeId: northants, referredAt: '2026-03-01T10:00:00Z' });
    const all = [...stalled.events, ...ended.events, ...theirs.events];
    await t.publish(all);
    await t.waitForMilestones(all.length);
    await t.publish([
      profileShared(
        stalled,
        { area: 'LU', priorityGroups: ['neet', 'send'] },
        '2026-03-01T10:00:00Z',
      ),
      profileShared(ended, { area: 'MK', priorityGroups: ['neet'] }, '2026-03-05T10:00:00Z'),
      profileShared(theirs, { area: 'MK', priorityGroups: ['send'] }, '2026-03-01T10:00:00Z'),
    ]);
    await t.waitForProfileChanges(3);
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await ops.close();
    await t.close();
  });

  const page = async (url: string, token?: string, name?: string) => {
    const response = await ops.app.inject({
      method: 'GET',
      url,
      ...(token ? { cookies: { ops_session: token } } : {}),
    });
    if (name) writeFileSync(new URL(`${name}.html`, artifacts), response.body);
    return response;
  };

  it('when no one is signed in, then every screen sends them to sign in and back', async () => {
    for (const url of ['/journeys', `/journeys/${stalled.referralId}`, '/report']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
    }
  });

  it("when a caseworker opens the journeys and a participant's page, then they see their operator's journeys in the NHS design system", async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const list = await page('/journeys', casey, 'journeys');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('class="nhsuk-header');
    expect(list.body).toContain('href="/nhsuk/nhsuk-frontend.min.css"');
    expect(list.body).toContain(`/journeys/${stalled.referralId}`);
    expect(list.body).toContain(`/journeys/${ended.referralId}`);
    expect(list.body).not.toContain(theirs.referralId);
    expect(list.body).toMatch(/name="_csrf" value="[\w-]{20,}"/);
    const attention = await page(
      '/journeys?attention=stalled-or-at-risk&order=overdue',
      casey,
      'attention',
    );
    expect(attention.body).toContain(stalled.referralId);
    expect(attention.body).not.toContain(ended.referralId);
    const one = await page(`/journeys/${stalled.referralId}`, casey, 'participant');
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('first-contact from programme-operator');
    expect((await page('/report', casey)).statusCode).toBe(403);
    const css = await ops.app.inject({ method: 'GET', url: '/nhsuk/nhsuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    expect((await ops.app.inject({ method: 'GET', url: '/nhsuk/index.scss' })).statusCode).toBe(
      404,
    );
  });

  it('when a manager opens the report, then its figures add up and each links to the journeys behind it', async () => {
    const morgan = await session('morgan', 'org-blmk-academy', 'manager');
    const report = await page(
      '/report?referredFrom=2026-03-01&referredTo=2026-03-31',
      morgan,
      'report',
    );
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('<svg role="img"');
    const link = /href="(\/journeys\?[^"]*measure=ending[^"]*code=further-education[^"]*)">1</.exec(
      report.body,
    );
    expect(link).not.toBeNull();
    const drill = await page(link![1]!.replaceAll('&amp;', '&'), morgan, 'drill-down');
    expect(drill.body).toContain(ended.referralId);
    expect(drill.body).not.toContain(stalled.referralId);
  });

  it('when a manager breaks the report down by priority group and follows a row, then each person counts in each of their groups and the row lists them', async () => {
    const morgan = await session('morgan', 'org-blmk-academy', 'manager');
    const report = await page('/report?breakdown=priority-group', morgan, 'report-by-group');
    expect(report.statusCode).toBe(200);
    expect(report.body).toMatch(/<option value="priority-group" selected>Priority group<\/option>/);
    expect(report.body).toContain('By priority group: how the journeys ended');
    expect(report.body).toContain('add up to more than the 2 people referred');
    const neet =
      /<th scope="row" class="nhsuk-table__header">NEET<\/th>\s*<td[^>]*><a href="([^"]+)">2</.exec(
        report.body,
      );
    expect(neet).not.toBeNull();
    const send =
      /<th scope="row" class="nhsuk-table__header">SEND<\/th>\s*<td[^>]*><a href="([^"]+)">1</.exec(
        report.body,
      );
    const drill = await page(send![1]!.replaceAll('&amp;', '&'), morgan, 'drill-down-by-group');
    expect(drill.body).toContain(stalled.referralId);
    expect(drill.body).not.toContain(ended.referralId);
    const byArea = await page('/report?breakdown=area', morgan);
    expect(byArea.body).toContain('the rows add up to the 2 people referred');
    expect(byArea.body).toMatch(/>LU<\/th>/);
    const nico = await session('nico', 'org-northants-icb', 'manager');
    const theirsByGroup = await page('/report?breakdown=priority-group', nico);
    expect(theirsByGroup.body).not.toContain('>NEET</th>');
    expect(theirsByGroup.body).toContain('>SEND</th>');
  });

  it('when a caseworker filters the journeys by postcode area and priority group, then only those journeys are listed and the form keeps the choice', async () => {
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    const list = await page('/journeys?area=MK&priorityGroup=neet', casey, 'journeys-by-group');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(ended.referralId);
    expect(list.body).not.toContain(stalled.referralId);
    expect(list.body).not.toContain(theirs.referralId);
    expect(list.body).toMatch(/id="area" name="area"[^>]*value="MK"/);
    expect(list.body).toMatch(/<option value="neet" selected>NEET<\/option>/);
    expect(list.body).toContain('/v1/ops/journeys.csv?area=MK&amp;priorityGroup=neet');
    const bad = await page('/journeys?area=Luton', casey);
    expect(bad.statusCode).toBe(400);
  });

  it('when a manager exports the journeys, then the audit log records who and what, and refuses any change', async () => {
    const morgan = await session('morgan', 'org-blmk-academy', 'manager');
    const csv = await page('/v1/ops/journeys.csv?attention=stalled', morgan);
    expect(csv.statusCode).toBe(200);
    const audit = await page('/audit?search=morgan', morgan, 'audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('staff:morgan');
    expect(audit.body).toContain('Journeys exported');
    expect(audit.body).toContain('attention=stalled');
    await expect(t.pool.query("update audit_log set actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(t.pool.query('truncate audit_log')).rejects.toThrow(/append-only/);
    const casey = await session('casey', 'org-blmk-academy', 'caseworker');
    expect((await page('/audit', casey)).statusCode).toBe(403);
    const nico = await session('nico', 'org-northants-icb', 'manager');
    expect((await page('/audit', nico)).body).not.toContain('staff:morgan');
  });

  it('when a consumer dead-letters an event, then an admin sees why and replays it once, and no one else may', async () => {
    const producer = t.kafka.producer();
    await producer.connect();
    const broken = { type: 'ReferralSubmitted', version: 2, id: 'not-a-uuid' };
    await producer.send({
      topic: t.referrals.name,
      messages: [{ key: 'p', value: JSON.stringify(broken) }],
    });
    await producer.disconnect();
    const dlq = t.referrals.deadLetterTopic;
    await expect
      .poll(async () => (await listDeadLetters(t.kafka, dlq)).length, { timeout: 30_000 })
      .toBe(1);
    const ada = await session('ada', 'org-blmk-academy', 'admin');
    const letters = await page('/dead-letters', ada, 'dead-letters');
    expect(letters.statusCode).toBe(200);
    expect(letters.body).toContain('invalid: envelope.id');
    expect(letters.body).not.toContain('not-a-uuid'); // the payload is never shown
    const [letter] = await listDeadLetters(t.kafka, dlq);
    const replay = (token: string, csrf: string) =>
      ops.app.inject({
        method: 'POST',
        url: '/dead-letters/replay',
        cookies: { ops_session: token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          topic: dlq,
          offset: letter!.offset,
        }).toString(),
      });
    expect((await replay(ada, 'wrong')).statusCode).toBe(403);
    const morgan = await session('morgan', 'org-blmk-academy', 'manager');
    expect((await page('/dead-letters', morgan)).statusCode).toBe(403);
    const { rows } = await t.pool.query<{ csrf_token: string }>(
      "select csrf_token from staff_session where subject = 'ada'",
    );
    expect((await replay(ada, rows[0]!.csrf_token)).statusCode).toBe(303);
    const after = await listDeadLetters(t.kafka, dlq);
    expect(after.find((l) => l.offset === letter!.offset)?.replayed).toBe(true);
    expect((await page('/audit?search=dead-letters-replayed', ada)).body).toContain('staff:ada');
  });

  it("when another operator's staff open the first operator's pages, then they are refused", async () => {
    const nico = await session('nico', 'org-northants-icb', 'manager');
    expect((await page(`/journeys/${stalled.referralId}`, nico)).statusCode).toBe(404);
    expect((await page(`/journeys?programmeId=${blmk}`, nico)).statusCode).toBe(404);
    const list = await page('/journeys', nico);
    expect(list.body).not.toContain(stalled.referralId);
    expect(list.body).toContain(theirs.referralId);
    const report = await page('/report', nico);
    expect(report.body).toContain('Of 1 people referred');
  });
});
