import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../src/db/audit-log.repository.js';
import { createSession } from '../src/db/staff-sessions.repository.js';
import { codecCheckHeader } from '../src/http/routes/codec-access.routes.js';
import { startProjectionStack, type ProjectionStack } from './support/projection-stack.js';
import { startOpsApp, type OpsTestApp } from './support/ops-app.js';

/** The check the journey worker's codec endpoint makes for a browser's staff session. */
describe('codec access for the Temporal Web UI', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  const session = (login: string, role: 'caseworker' | 'admin', organisationId: string) =>
    createSession(t.pool, { subject: login, displayName: login, organisationId, role }, 3_600_000);
  const ask = (token: string | undefined, body: object, header = true) =>
    ops.app.inject({
      method: 'POST',
      url: '/internal/v1/codec-access',
      headers: header ? { [codecCheckHeader]: '1' } : {},
      ...(token ? { cookies: { ops_session: token } } : {}),
      payload: body,
    });

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t);
  });
  afterAll(async () => {
    await ops.close();
    await t.close();
  });

  it('when an admin decodes, then they are named and the decode is in their audit log', async () => {
    const token = await session('ada', 'admin', 'org-blmk-academy');
    const answer = await ask(token, { direction: 'decode', payloads: 7 });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ actor: 'staff:ada', organisationId: 'org-blmk-academy' });
    const audit = await searchAudit(t.pool, 'org-blmk-academy', 'journey-payloads-decoded', 10);
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'staff:ada', subject: 'temporal-web-ui' }),
    ]);
    expect(await searchAudit(t.pool, 'org-northants-icb', undefined, 10)).toEqual([]);
  });

  it('when a caseworker asks, or no one is signed in, then the codec is refused', async () => {
    const token = await session('casey', 'caseworker', 'org-blmk-academy');
    expect((await ask(token, { direction: 'decode', payloads: 1 })).statusCode).toBe(403);
    expect((await ask(undefined, { direction: 'decode', payloads: 1 })).statusCode).toBe(401);
    expect((await ask('not-a-session', { direction: 'decode', payloads: 1 })).statusCode).toBe(401);
  });

  it('when the check header is missing or the body is wrong, then it is a 400 naming the field', async () => {
    const token = await session('ada2', 'admin', 'org-blmk-academy');
    const noHeader = await ask(token, { direction: 'decode', payloads: 1 }, false);
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.body).toContain(codecCheckHeader);
    const bad = await ask(token, { direction: 'peek', payloads: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('direction');
    expect(bad.body).toContain('payloads');
  });
});
