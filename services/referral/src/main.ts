import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { parseKeyRing } from '@ladder/crypto';
import { topics } from '@ladder/events';
import { migrateIdempotency, pruneIdempotencyKeys } from '@ladder/idempotency';
import { ConsumerRunner, OutboxRelay } from '@ladder/kafka';
import { runService } from '@ladder/service-kit';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { ParticipantVault } from './crypto/participant-vault.js';
import { journeyHandlers } from './events/journey-handlers.js';
import { employerHandlers } from './events/employer-handlers.js';
import { trainingHandlers } from './events/training-handlers.js';
import { announceExpiredConsents } from './use-cases/consent.js';
import { cachedProgrammes } from './use-cases/programme-cache.js';
import { FirstReferralWriter } from './use-cases/first-referral-writer.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

await runService({
  name: 'referral-service',
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
      applicationName: 'referral-service-identity',
    });
    const ring = parseKeyRing(config.MASTER_KEYS);
    const kafka = await kit.kafka(config.KAFKA_BROKERS, [
      topics.referrals,
      topics.journeys,
      topics.training,
      topics.employers,
    ]);
    const deps = {
      pool,
      vault: new ParticipantVault(ring),
      reportingKeys: config.REPORTING_KEYS,
      matchingKey: config.MATCHING_KEY,
      logger,
      now: () => new Date(),
      idempotencyKeepDays: config.IDEMPOTENCY_KEEP_DAYS,
      programmes: cachedProgrammes(config.PROGRAMME_CACHE_MS),
      firstReferrals: new FirstReferralWriter(pool, {
        maxInFlight: config.SUBMIT_STATEMENTS_AT_ONCE,
        maxBatch: config.SUBMIT_GROUP_MAX,
      }),
    };
    const webhookDestinations = {
      allowHttp: config.WEBHOOKS_ALLOW_HTTP,
      allowedPrivateHosts: config.WEBHOOKS_ALLOWED_PRIVATE_HOSTS,
    };
    const app = await buildApp({
      ...deps,
      store: new CredentialStore(identityPool),
      ring,
      webhookDestinations,
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
    const consumer = new ConsumerRunner({
      kafka,
      pool,
      logger,
      metrics,
      groupId: 'referral-service.journeys',
      topics: [topics.journeys, topics.training, topics.employers],
      handlers: [...journeyHandlers(), ...trainingHandlers(), ...employerHandlers()],
    });
    return {
      http: { app, port: config.PORT },
      relays: [
        new OutboxRelay({
          pool,
          databaseUrl: config.DATABASE_URL,
          kafka,
          logger,
          metrics,
          lanes: config.RELAY_LANES,
          lingerMs: config.RELAY_LINGER_MS,
        }),
      ],
      consumers: [consumer],
      jobs: [
        new WebhookDispatcher({ pool, ring, logger, destinations: webhookDestinations }),
        // Consents that expired on active referrals are announced (ConsentExpired) within a minute.
        kit.every('announce expired consents', 60_000, () => announceExpiredConsents(deps)),
        kit.every('prune idempotency keys', 3_600_000, () => pruneIdempotencyKeys(pool)),
      ],
    };
  },
});
