import { z } from 'zod';
import { problem, routes } from '@ladder/http';
import type { Pool } from '@ladder/db';
import {
  createSession,
  endSession,
  startSignIn,
  takeSignIn,
} from '../../db/staff-sessions.repository.js';
import type { RelyingParty } from '../../staff/relying-party.js';
import { staffFromClaims, type StaffClaimNames } from '../../staff/staff-claims.js';
import {
  checkCsrf,
  cookieOptions,
  sessionCookie,
  signInCookie,
} from '../../staff/staff-session.plugin.js';

export interface SignInDeps {
  pool: Pool;
  relyingParty: RelyingParty;
  /** The service's public address, as the provider redirects to it. */
  publicUrl: string;
  claims: StaffClaimNames;
  isOperator: (organisationId: string) => Promise<boolean>;
  sessionLifetimeMs: number;
}

/** Only a path of this service: never another site (an open redirect). */
const localPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/, 'a path of this service')
  .default('/');

/** Staff sign-in (OpenID Connect, code flow with PKCE) and sign-out. */
export const signInRoutes = routes(
  { name: 'ops-sign-in', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: SignInDeps) => {
    app.get(
      '/sign-in',
      { schema: { hide: true, querystring: z.object({ returnTo: localPath }) } },
      async (request, reply) => {
        const begun = await deps.relyingParty.begin();
        await startSignIn(deps.pool, { ...begun, returnTo: request.query.returnTo });
        return reply
          .setCookie(signInCookie, begun.state, { ...cookieOptions, maxAge: 600 })
          .redirect(begun.url, 303);
      },
    );

    app.get(
      '/sign-in/callback',
      {
        schema: {
          hide: true,
          querystring: z.looseObject({ state: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const { state } = request.query;
        // The state must come back to the browser that began the sign-in (no login CSRF).
        if (request.cookies[signInCookie] !== state)
          throw problem.forbidden('this sign-in was begun elsewhere; sign in again');
        const pending = await takeSignIn(deps.pool, state);
        if (!pending) throw problem.forbidden('this sign-in has expired; sign in again');
        const claims = await deps.relyingParty
          .finish(new URL(request.url, deps.publicUrl), { ...pending, state })
          .catch(() => {
            throw problem.forbidden('the identity provider did not confirm the sign-in');
          });
        const operators = new Set<string>();
        const organisation = claims[deps.claims.organisation];
        if (typeof organisation === 'string' && (await deps.isOperator(organisation)))
          operators.add(organisation);
        const staff = staffFromClaims(claims, deps.claims, (id) => operators.has(id));
        if (!staff.ok) throw problem.forbidden(staff.reason);
        const token = await createSession(deps.pool, staff.member, deps.sessionLifetimeMs);
        return reply
          .clearCookie(signInCookie, cookieOptions)
          .setCookie(sessionCookie, token, {
            ...cookieOptions,
            maxAge: Math.floor(deps.sessionLifetimeMs / 1000),
          })
          .redirect(pending.returnTo, 303);
      },
    );

    app.post(
      '/sign-out',
      { schema: { hide: true, body: z.looseObject({ _csrf: z.string().optional() }) } },
      async (request, reply) => {
        checkCsrf(request, request.body._csrf);
        const token = request.cookies[sessionCookie];
        if (token) await endSession(deps.pool, token);
        // Back to a page of this service: a form may only lead to this origin (CSP form-action),
        // so the provider's sign-out is a link on that page.
        return reply.clearCookie(sessionCookie, cookieOptions).redirect('/signed-out', 303);
      },
    );

    app.get('/signed-out', { schema: { hide: true } }, async (_request, reply) =>
      reply.view('signed-out.njk', {
        title: 'You have signed out',
        providerSignOut: await deps.relyingParty.signOutUrl().catch(() => undefined),
      }),
    );
  },
);
