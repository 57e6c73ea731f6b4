import { authPlugin, type CredentialStore } from '@ladder/auth';
import { createHttpApp, type HttpApp } from '@ladder/http';
import type { OpsDeps } from './deps.js';
import { journeyRoutes } from './http/routes/journeys.routes.js';
import { reportRoutes } from './http/routes/reports.routes.js';

export interface AppDeps extends OpsDeps {
  store: CredentialStore;
  isReady?: () => Promise<boolean>;
}

/** The ops API without listening (tests use `app.inject`); main.ts adds the rest. */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: deps.logger,
    title: 'Ladder ops API',
    version: '1.0.0',
    description:
      "A programme operator's journeys and outcome reports, from the ops service's read model.",
    ...(deps.isReady ? { isReady: deps.isReady } : {}),
  });
  await app.register(authPlugin, { store: deps.store });
  await app.register(journeyRoutes, deps);
  await app.register(reportRoutes, deps);
  return app;
}
