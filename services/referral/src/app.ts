import { authPlugin, type CredentialStore } from '@ladder/auth';
import { createHttpApp, type HttpApp } from '@ladder/http';
import type { KeyRing } from '@ladder/crypto';
import { consentRoutes } from './http/routes/consent.routes.js';
import { participantViewRoutes } from './http/routes/participant-view.routes.js';
import { participantRoutes } from './http/routes/participants.routes.js';
import { programmeRoutes } from './http/routes/programmes.routes.js';
import { referralBatchRoutes } from './http/routes/referral-batch.routes.js';
import { referralRoutes } from './http/routes/referrals.routes.js';
import { webhookRoutes } from './http/routes/webhooks.routes.js';
import type { ReferralDeps } from './use-cases/deps.js';
import type { DestinationPolicy } from './webhooks/destination-guard.js';

export interface AppDeps extends ReferralDeps {
  store: CredentialStore;
  ring: KeyRing;
  jwt?: { jwksUrl: string; issuer: string; audience: string };
  webhookDestinations: DestinationPolicy;
  rateLimitPerMinute: number;
  isReady: () => Promise<boolean>;
}

/** The referral API without listening (tests use `app.inject`); main.ts runs it through the service kit. */
export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: deps.logger,
    title: 'Ladder referral API',
    version: '1.0.0',
    description:
      'Job Centres refer people to health and care career programmes and follow every referral to its outcome.',
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
    isReady: deps.isReady,
  });
  await app.register(authPlugin, { store: deps.store, ...(deps.jwt ? { jwt: deps.jwt } : {}) });
  // Each group of routes is an encapsulated plugin that declares its need of the auth plugin.
  await app.register(referralRoutes, deps);
  await app.register(referralBatchRoutes, deps);
  await app.register(programmeRoutes, deps);
  await app.register(webhookRoutes, deps);
  await app.register(participantRoutes, deps);
  await app.register(consentRoutes, deps);
  await app.register(participantViewRoutes, deps);
  return app;
}
