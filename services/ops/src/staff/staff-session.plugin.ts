import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { problem } from '@ladder/http';
import type { Pool } from '@ladder/db';
import { findSession, type StaffMember } from '../db/staff-sessions.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carries a live staff session cookie. */
    staff?: StaffMember;
  }
}

export const sessionCookie = 'ops_session';
export const signInCookie = 'ops_sign_in';

/** Session cookies: never readable by scripts, sent only over HTTPS, not on cross-site posts. */
export const cookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
} as const;

/** Reads the staff session cookie on each request (an onRequest hook) into `request.staff`. */
const plugin: FastifyPluginAsync<{ pool: Pool }> = async (app, { pool }) => {
  await app.register(cookie);
  app.decorateRequest('staff', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (token) request.staff = await findSession(pool, token);
  });
};

export const staffSessionPlugin = fp(plugin, { name: 'ops-staff-session', fastify: '5.x' });

/** Refuses a form post whose CSRF token is not the session's (every form carries it). */
export function checkCsrf(request: FastifyRequest, sent: unknown): void {
  const expected = request.staff?.csrfToken;
  if (!expected || typeof sent !== 'string')
    throw problem.forbidden('the form is out of date; reload it');
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw problem.forbidden('the form is out of date; reload it');
}
