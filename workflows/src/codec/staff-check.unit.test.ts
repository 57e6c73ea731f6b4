import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsStaffCheck } from './staff-check.js';

/**
 * A stand-in for the ops service's `/internal/v1/codec-access` (its real route is tested in the
 * ops service): it answers by the session cookie and records what the worker sent.
 */
describe("the codec's staff check against the ops service's codec-access route", () => {
  let ops: Server;
  let url: string;
  const seen: { header: unknown; body: unknown }[] = [];

  beforeAll(async () => {
    ops = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ header: request.headers['x-ladder-codec-check'], body: JSON.parse(body) });
        const answer = (status: number, json: unknown, headers: Record<string, string> = {}) =>
          response
            .writeHead(status, { 'content-type': 'application/json', ...headers })
            .end(JSON.stringify(json));
        const cookie = request.headers.cookie ?? '';
        if (cookie === 'ops_session=admin')
          answer(200, { actor: 'staff:ada', organisationId: 'o' });
        else if (cookie === 'ops_session=caseworker') answer(403, { status: 403 });
        else if (cookie === 'ops_session=redirect') answer(302, {}, { location: '/sign-in' });
        else answer(401, { status: 401 });
      });
    });
    await new Promise<void>((resolve) => ops.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(ops.address() as AddressInfo).port}/internal/v1/codec-access`;
  });
  afterAll(() => new Promise<void>((resolve) => ops.close(() => resolve())));

  it('when the session is an admin, then the caller is named and ops got the header and the count', async () => {
    const answer = await opsStaffCheck(url)('ops_session=admin', {
      direction: 'decode',
      payloads: 3,
    });
    expect(answer).toEqual({ actor: 'staff:ada' });
    expect(seen.at(-1)).toEqual({ header: '1', body: { direction: 'decode', payloads: 3 } });
  });

  it.each([
    ['a caseworker', 'ops_session=caseworker', 403],
    ['no session', 'ops_session=gone', 401],
    ['a redirect (never followed)', 'ops_session=redirect', 401],
  ])('when ops answers for %s, then the codec refuses', async (_, cookie, status) => {
    const answer = await opsStaffCheck(url)(cookie, { direction: 'decode', payloads: 1 });
    expect(answer).toMatchObject({ status });
  });

  it('when ops cannot be reached, then the codec refuses rather than lets the caller through', async () => {
    const answer = await opsStaffCheck('http://127.0.0.1:9/internal/v1/codec-access', 500)(
      'ops_session=admin',
      { direction: 'decode', payloads: 1 },
    );
    expect(answer).toMatchObject({ status: 401 });
  });
});
