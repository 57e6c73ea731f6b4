import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { runService } from '@ladder/service-kit';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { pruneSessions } from './db/staff-sessions.repository.js';
import { projectedTopics, projectionGroupBase } from './events/projection.handlers.js';
import { createProjection } from './events/rebuild.js';
import { demoStaff } from './staff/demo-staff.js';
import { RelyingParty } from './staff/relying-party.js';
import { serveDevProvider } from './staff/serve-dev-provider.js';
import { connectJourneys } from './temporal/journey-client.js';

await runService({
  name: 'ops-service',
  config: configSchema,
  migrations: (config) => [
    { databaseUrl: config.DATABASE_URL, dir: new URL('../migrations', import.meta.url).pathname },
    () => migrateIdentity(config.IDENTITY_DATABASE_URL),
  ],
  async start(kit) {
    const { config, logger, metrics } = kit;
    const pool = kit.pool(config.DATABASE_URL, { max: 10 });
    const identityPool = kit.pool(config.IDENTITY_DATABASE_URL, {
      max: 3,
      applicationName: 'ops-service-identity',
    });
    const kafka = await kit.kafka(config.KAFKA_BROKERS, projectedTopics);
    const redirectUri = new URL('/sign-in/callback', config.PUBLIC_URL).href;
    const postLogoutRedirectUri = new URL('/signed-out', config.PUBLIC_URL).href;
    let issuer = config.OIDC_ISSUER;
    if (issuer === undefined && config.DEV_SIGN_IN_PORT !== undefined) {
      const dev = await serveDevProvider(config.DEV_SIGN_IN_PORT, {
        clientId: config.OIDC_CLIENT_ID,
        redirectUri,
        postLogoutRedirectUri,
        staff: demoStaff,
      });
      kit.onClose(
        () =>
          new Promise<void>((resolve) => {
            dev.server.closeAllConnections();
            dev.server.close(() => resolve());
          }),
      );
      issuer = dev.issuer;
      logger.warn({ issuer }, 'staff sign in through the development provider (demo staff only)');
    }
    const temporal = await connectJourneys({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      codecKeys: config.CODEC_KEYS,
    });
    kit.onClose(temporal.close);
    const app = await buildApp({
      pool,
      journeys: temporal.journeys,
      logger,
      now: () => new Date(),
      store: new CredentialStore(identityPool),
      isReady: kit.isReady,
      deadLetters: { kafka, topics: projectedTopics },
      staffSignIn: {
        relyingParty: new RelyingParty({
          issuer: issuer!,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          redirectUri,
          postLogoutRedirectUri,
          scope: config.OIDC_SCOPE,
          allowHttp: config.DEV_SIGN_IN_PORT !== undefined,
        }),
        publicUrl: config.PUBLIC_URL,
        claims: { organisation: config.STAFF_ORGANISATION_CLAIM, role: config.STAFF_ROLE_CLAIM },
        sessionLifetimeMs: config.SESSION_HOURS * 3_600_000,
      },
    });
    const projection = await createProjection({
      pool,
      kafka,
      logger,
      metrics,
      groupBase: projectionGroupBase,
      topics: projectedTopics,
      reportingKeys: config.REPORTING_KEYS,
    });
    return {
      http: { app, port: config.PORT },
      consumers: [projection],
      jobs: [kit.every('prune staff sessions', 3_600_000, () => pruneSessions(pool))],
    };
  },
});
