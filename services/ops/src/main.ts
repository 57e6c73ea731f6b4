import { readFileSync } from 'node:fs';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { createParticipantViewClient } from '@ladder/participant-view';
import { runService } from '@ladder/service-kit';
import { buildApp } from './app.js';
import { employerApi } from './clients/employer-api.js';
import { parseOperatorKeys } from './clients/operator-keys.js';
import { trainingApi } from './clients/training-api.js';
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
    // Secrets from the env or from a file (the demo data writes the files under `npm start`).
    const secret = (value: string | undefined, file: string | undefined) =>
      value ?? (file === undefined ? undefined : readFileSync(file, 'utf8').trim());
    const keys = parseOperatorKeys(
      secret(config.OPERATOR_API_KEYS, config.OPERATOR_API_KEYS_FILE),
      config.OPERATOR_API_KEYS === undefined ? 'OPERATOR_API_KEYS_FILE' : 'OPERATOR_API_KEYS',
    );
    const app = await buildApp({
      pool,
      journeys: temporal.journeys,
      participantViews: createParticipantViewClient({
        baseUrl: config.REFERRAL_SERVICE_URL,
        apiKey: secret(config.PARTICIPANT_VIEW_API_KEY, config.PARTICIPANT_VIEW_API_KEY_FILE)!,
      }),
      training: trainingApi({ baseUrl: config.TRAINING_SERVICE_URL, keys }),
      employer: employerApi({ baseUrl: config.EMPLOYER_SERVICE_URL, keys }),
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
