import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';
import { startOpsApp, type OpsTestApp } from './support/ops-app.js';

const blmk = 'blmk-stepping-into-health';
const northants = 'northants-young-people';

/** A browser's cookies for the provider: just enough of a jar to follow its redirects. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('staff sign-in', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let mine: MadeJourney;
  let theirs: MadeJourney;

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t);
    await ops.organisation(
      'BLMK Health and Care Academy',
      'programme-operator',
      [scopes.programmesRead],
      'org-blmk-academy',
    );
    await ops.organisation(
      'Northamptonshire ICB',
      'programme-operator',
      [scopes.programmesRead],
      'org-northants-icb',
    );
    await t.startProjection();
    await t.publish([
      programmeEvent(blmk, 'org-blmk-academy'),
      programmeEvent(northants, 'org-northants-icb'),
    ]);
    mine = journeyEvents({ programmeId: blmk, referredAt: '2026-03-01T10:00:00Z' });
    theirs = journeyEvents({ programmeId: northants, referredAt: '2026-03-01T10:00:00Z' });
    await t.publish([...mine.events, ...theirs.events]);
    await t.waitForMilestones(2);
  });
  afterAll(async () => {
    await ops.close();
    await t.close();
  });

  /** Signs in through the development provider as a browser would; returns the session cookie. */
  async function signIn(login: string): Promise<string> {
    const start = await ops.app.inject({
      method: 'GET',
      url: '/sign-in?returnTo=/v1/ops/journeys',
    });
    expect(start.statusCode).toBe(303);
    const signInState = start.cookies.find((c) => c.name === 'ops_sign_in')!;
    expect(signInState).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    const jar = new Jar();
    let url = new URL(start.headers.location!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (let hop = 0; hop < 12; hop += 1) {
      if (url.href.startsWith('https://ops.ladder.test/')) break;
      let response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(response);
      if (response.status === 200) {
        // a page of the provider: the login form, or the consent form
        const html = await response.text();
        const action = /action="([^"]+)"/.exec(html)![1]!;
        const prompt = /name="prompt" value="(\w+)"/.exec(html)![1]!;
        const form = new URLSearchParams({
          prompt,
          ...(prompt === 'login' ? { login, password: 'any' } : {}),
        });
        response = await fetch(new URL(action, url), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
        jar.take(response);
      }
      url = new URL(response.headers.get('location')!, url);
    }
    const callback = await ops.app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      cookies: { ops_sign_in: signInState.value },
    });
    expect(callback.statusCode, callback.body).toBe(303);
    expect(callback.headers.location).toBe('/v1/ops/journeys');
    const session = callback.cookies.find((c) => c.name === 'ops_session')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    return session.value;
  }

  const get = (url: string, session: string) =>
    ops.app.inject({ method: 'GET', url, cookies: { ops_session: session } });

  it("when a caseworker signs in through the provider, then they see their operator's journeys and no report", async () => {
    const casey = await signIn('casey');
    const list = await get('/v1/ops/journeys', casey);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { referralId: string }[] }>().items.map((j) => j.referralId)).toEqual(
      [mine.referralId],
    );
    expect((await get(`/v1/ops/journeys/${mine.referralId}`, casey)).statusCode).toBe(200);
    expect((await get('/v1/ops/reports/outcomes', casey)).statusCode).toBe(403);
  });

  it("when another operator's staff sign in, then every route refuses the first operator's journeys and programmes", async () => {
    const nico = await signIn('nico');
    for (const url of [
      `/v1/ops/journeys/${mine.referralId}`,
      `/v1/ops/journeys?programmeId=${blmk}`,
      `/v1/ops/journeys.csv?programmeId=${blmk}`,
      `/v1/ops/reports/outcomes?programmeId=${blmk}`,
      `/v1/ops/reports/outcomes.csv?programmeId=${blmk}`,
      `/journeys/${mine.referralId}`,
      `/journeys/${mine.referralId}/training-place`,
      `/journeys/${mine.referralId}/placement`,
      `/journeys/${mine.referralId}/support`,
    ])
      expect((await get(url, nico)).statusCode, url).toBe(404);
    const list = await get('/v1/ops/journeys', nico);
    expect(list.json<{ items: { referralId: string }[] }>().items.map((j) => j.referralId)).toEqual(
      [theirs.referralId],
    );
    expect((await get('/v1/ops/reports/outcomes', nico)).json()).toMatchObject({
      total: { referred: 1 },
    });
  });

  it("when a session signs out without the form's CSRF token, then it is refused; with it, the session ends", async () => {
    const morgan = await signIn('morgan');
    expect((await get('/v1/ops/reports/outcomes', morgan)).statusCode).toBe(200);
    const refused = await ops.app.inject({
      method: 'POST',
      url: '/sign-out',
      cookies: { ops_session: morgan },
      payload: '_csrf=guess',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.statusCode).toBe(403);
    const { rows } = await t.pool.query<{ csrf_token: string }>(
      "select csrf_token from staff_session where subject = 'morgan'",
    );
    const out = await ops.app.inject({
      method: 'POST',
      url: '/sign-out',
      cookies: { ops_session: morgan },
      payload: `_csrf=${rows[0]!.csrf_token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signed-out');
    const signedOut = await ops.app.inject({ method: 'GET', url: '/signed-out' });
    expect(signedOut.body).toContain(`${ops.provider.issuer}/session/end`);
    expect((await get('/v1/ops/journeys', morgan)).statusCode).toBe(401);
  });

  it('when a callback comes without the browser that began the sign-in, then it is refused', async () => {
    const start = await ops.app.inject({ method: 'GET', url: '/sign-in' });
    const state = new URL(start.headers.location!).searchParams.get('state')!;
    const forged = await ops.app.inject({
      method: 'GET',
      url: `/sign-in/callback?state=${state}&code=x`,
    });
    expect(forged.statusCode).toBe(403);
  });

  it('when sign-in is asked to return to another site, then it is refused', async () => {
    const bad = await ops.app.inject({ method: 'GET', url: '/sign-in?returnTo=//evil.example' });
    expect(bad.statusCode).toBe(400);
  });
});
