import { readFileSync } from 'node:fs';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { topics } from '@ladder/events';
import { migrateIdempotency, pruneIdempotencyKeys } from '@ladder/idempotency';
import { ConsumerRunner, OutboxRelay } from '@ladder/kafka';
import { createParticipantViewClient } from '@ladder/participant-view';
import { runService } from '@ladder/service-kit';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { referralHandlers } from './events/referral-handlers.js';
import { expireOffers } from './use-cases/expire-offers.js';
import { askDueSustainment } from './use-cases/sustainment-tasks.js';

await runService({
  name: 'employer-service',
  config: configSchema,
  migrations: (config) => [
    { databaseUrl: config.DATABASE_URL, dir: new URL('../migrations', import.meta.url).pathname },
    () => migrateIdempotency(config.DATABASE_URL),
    () => migrateIdentity(config.IDENTITY_DATABASE_URL),
  ],
  async start(kit) {
    const { config, logger, metrics } = kit;
    const pool = kit.pool(config.DATABASE_URL, { max: 20 });
    const identityPool = kit.pool(config.IDENTITY_DATABASE_URL, {
      max: 5,
      applicationName: 'employer-service-identity',
    });
    const kafka = await kit.kafka(config.KAFKA_BROKERS, [topics.employers, topics.referrals]);
    const apiKey =
      config.PARTICIPANT_VIEW_API_KEY ??
      readFileSync(config.PARTICIPANT_VIEW_API_KEY_FILE!, 'utf8').trim();
    const deps = {
      pool,
      logger,
      now: () => new Date(),
      idempotencyKeepDays: config.IDEMPOTENCY_KEEP_DAYS,
      participantViews: createParticipantViewClient({
        baseUrl: config.REFERRAL_SERVICE_URL,
        apiKey,
      }),
    };
    const app = await buildApp({
      ...deps,
      store: new CredentialStore(identityPool),
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      ...(config.JWT_JWKS_URL && config.JWT_ISSUER && config.JWT_AUDIENCE
        ? {
            jwt: {
              jwksUrl: config.JWT_JWKS_URL,
              issuer: config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
            },
          }
        : {}),
      isReady: kit.isReady,
    });
    return {
      http: { app, port: config.PORT },
      relays: [new OutboxRelay({ pool, databaseUrl: config.DATABASE_URL, kafka, logger, metrics })],
      consumers: [
        new ConsumerRunner({
          kafka,
          pool,
          logger,
          metrics,
          groupId: 'employer-service.referrals',
          topics: [topics.referrals],
          handlers: referralHandlers(),
        }),
      ],
      jobs: [
        kit.every('prune idempotency keys', 3_600_000, () => pruneIdempotencyKeys(pool)),
        kit.every('expire unanswered offers', 60_000, () => expireOffers(deps)),
        // Sustainment tasks whose mark has come are asked; the tasks are rows, so a restart
        // loses none, and instances share the work without asking twice.
        kit.every('ask due sustainment tasks', config.SUSTAINMENT_DUE_EVERY_MS, () =>
          askDueSustainment(deps),
        ),
      ],
    };
  },
});
