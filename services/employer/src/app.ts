import { authPlugin, type CredentialStore } from '@ladder/auth';
import { createHttpApp, type HttpApp } from '@ladder/http';
import { interviewRoutes } from './http/routes/interviews.routes.js';
import { offerRoutes } from './http/routes/offers.routes.js';
import { employmentRoutes } from './http/routes/employments.routes.js';
import { opportunityRoutes } from './http/routes/opportunities.routes.js';
import { placementRoutes } from './http/routes/placements.routes.js';
import type { EmployerDeps } from './use-cases/deps.js';

export interface AppDeps extends EmployerDeps {
  store: CredentialStore;
  jwt?: { jwksUrl: string; issuer: string; audience: string };
  rateLimitPerMinute: number;
  isReady: () => Promise<boolean>;
}

/** The employer API without listening (tests use `app.inject`); main.ts adds the rest. */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: deps.logger,
    title: 'Ladder employer API',
    version: '1.0.0',
    description:
      'Employers offer sites and placement slots; programme operators propose participants; ' +
      'employers confirm, decline and record placements, interview, make conditional offers, ' +
      'run the six pre-employment checks, agree start dates, confirm starts in post and answer ' +
      'the 13- and 26-week sustainment tasks.',
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
    isReady: deps.isReady,
  });
  await app.register(authPlugin, { store: deps.store, ...(deps.jwt ? { jwt: deps.jwt } : {}) });
  await app.register(opportunityRoutes, { deps });
  await app.register(placementRoutes, { deps });
  await app.register(interviewRoutes, { deps });
  await app.register(offerRoutes, { deps });
  await app.register(employmentRoutes, { deps });
  return app;
}
