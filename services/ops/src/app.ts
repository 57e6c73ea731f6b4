import formbody from '@fastify/formbody';
import { authPlugin, type CredentialStore } from '@ladder/auth';
import { createHttpApp, type HttpApp } from '@ladder/http';
import type { TopicDefinition } from '@ladder/events';
import type { Kafka } from '@ladder/kafka';
import type { OpsDeps } from './deps.js';
import { codecAccessRoutes } from './http/routes/codec-access.routes.js';
import { deadLetterRoutes } from './http/routes/dead-letters.routes.js';
import { journeyRoutes } from './http/routes/journeys.routes.js';
import { reportRoutes } from './http/routes/reports.routes.js';
import { journeyPageRoutes } from './http/routes/journey-page.routes.js';
import { pageRoutes } from './http/routes/pages.routes.js';
import { caseloadRoutes } from './http/routes/caseload.routes.js';
import { supportRoutes } from './http/routes/support.routes.js';
import { personalDetailsRoutes } from './http/routes/personal-details.routes.js';
import { serviceActionRoutes } from './http/routes/service-actions.routes.js';
import { signInRoutes } from './http/routes/sign-in.routes.js';
import { viewsPlugin } from './http/views.plugin.js';
import type { RelyingParty } from './staff/relying-party.js';
import type { StaffClaimNames } from './staff/staff-claims.js';
import { staffSessionPlugin } from './staff/staff-session.plugin.js';

export interface StaffSignIn {
  relyingParty: RelyingParty;
  publicUrl: string;
  claims: StaffClaimNames;
  sessionLifetimeMs: number;
}

export interface AppDeps extends OpsDeps {
  store: CredentialStore;
  staffSignIn: StaffSignIn;
  /** The topics whose dead letters admins see and replay, and the Kafka they are on. */
  deadLetters: { kafka: Kafka; topics: readonly TopicDefinition[] };
  isReady?: () => Promise<boolean>;
}

/** The ops API and staff sign-in without listening (tests use `app.inject`). */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: deps.logger,
    title: 'Ladder ops API',
    version: '1.0.0',
    description:
      "A programme operator's journeys and outcome reports, from the ops service's read model.",
    ...(deps.isReady ? { isReady: deps.isReady } : {}),
  });
  await app.register(formbody);
  await app.register(authPlugin, { store: deps.store });
  await app.register(staffSessionPlugin, { pool: deps.pool });
  await app.register(viewsPlugin);
  await app.register(signInRoutes, {
    ...deps.staffSignIn,
    pool: deps.pool,
    isOperator: async (id: string) =>
      (await deps.store.getOrganisation(id))?.kind === 'programme-operator',
  });
  await app.register(journeyRoutes, deps);
  await app.register(reportRoutes, deps);
  await app.register(pageRoutes, deps);
  await app.register(journeyPageRoutes, deps);
  await app.register(personalDetailsRoutes, deps);
  await app.register(serviceActionRoutes, deps);
  await app.register(supportRoutes, deps);
  await app.register(caseloadRoutes, deps);
  await app.register(deadLetterRoutes, { ...deps, ...deps.deadLetters });
  await app.register(codecAccessRoutes, deps);
  return app;
}
