import type { Page } from 'playwright-core';
import type { Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import type { StaffRole } from '@ladder/vocabulary';
import { createSession } from '../../src/db/staff-sessions.repository.js';

/** A signed-in staff member as a test holds them: the session cookie and its CSRF token. */
export interface StaffSession {
  token: string;
  csrf: string;
}

/** A session for a staff member of an operator, made as the sign-in callback makes one. */
export async function staffSession(
  pool: Pool,
  login: string,
  organisationId: string,
  role: StaffRole,
): Promise<StaffSession> {
  const token = await createSession(
    pool,
    { subject: login, displayName: login, organisationId, role },
    3_600_000,
  );
  const { rows } = await pool.query<{ csrf_token: string }>(
    'select csrf_token from staff_session where subject = $1 order by expires_at desc limit 1',
    [login],
  );
  return { token, csrf: rows[0]!.csrf_token };
}

/** Pages and form posts as a browser sends them, with a staff member's session. */
export function staffForms(app: HttpApp) {
  return {
    get: (path: string, who: StaffSession) =>
      app.inject({ method: 'GET', url: path, cookies: { ops_session: who.token } }),
    post: (path: string, who: StaffSession, form: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: path,
        cookies: { ops_session: who.token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
      }),
  };
}

/** The audit entries of one action, oldest first. */
export async function auditOf(pool: Pool, action: string) {
  const { rows } = await pool.query<{
    actor: string;
    subject: string;
    detail: Record<string, unknown>;
  }>('select actor, subject, detail from audit_log where action = $1 order by id', [action]);
  return rows;
}

/** Signs in at the development provider's own (unstyled) pages and comes back to `path`. */
export async function signInInBrowser(
  page: Page,
  base: string,
  login: string,
  path: string,
): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  // the provider's consent page
  await page.click('button[type="submit"]');
  await page.waitForURL(`${base}${path}`);
}
