import { authPlugin, type CredentialStore } from '@ladder/auth';
import { createHttpApp, type HttpApp } from '@ladder/http';
import { catalogueRoutes } from './http/routes/catalogue.routes.js';
import { courseRoutes } from './http/routes/courses.routes.js';
import { intakeRoutes } from './http/routes/intakes.routes.js';
import { placeRoutes } from './http/routes/places.routes.js';
import type { TrainingDeps } from './use-cases/deps.js';

export interface AppDeps extends TrainingDeps {
  store: CredentialStore;
  jwt?: { jwksUrl: string; issuer: string; audience: string };
  rateLimitPerMinute: number;
  isReady: () => Promise<boolean>;
}

/** The training API without listening (tests use `app.inject`); main.ts adds the rest. */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: deps.logger,
    title: 'Ladder training API',
    version: '1.0.0',
    description:
      'Training providers run courses and intakes; programme operators ask for places; ' +
      'seats, waitlists, registers and results drive each participant’s journey.',
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
    isReady: deps.isReady,
  });
  await app.register(authPlugin, { store: deps.store, ...(deps.jwt ? { jwt: deps.jwt } : {}) });
  await app.register(courseRoutes, { deps });
  await app.register(intakeRoutes, { deps });
  await app.register(placeRoutes, { deps });
  await app.register(catalogueRoutes, {
    deps: {
      ...deps,
      organisationName: async (id) => (await deps.store.getOrganisation(id))?.name,
    },
  });
  return app;
}
