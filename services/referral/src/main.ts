import { parseConfig } from '@ladder/config';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { createPool, migrate } from '@ladder/db';
import { topics } from '@ladder/events';
import { closeGracefully } from '@ladder/http';
import { migrateIdempotency, pruneIdempotencyKeys } from '@ladder/idempotency';
import {
  BackboneMetrics,
  ConsumerRunner,
  OutboxRelay,
  createKafka,
  ensureTopics,
} from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { parseKeyRing } from '@ladder/crypto';
import { ParticipantVault } from './crypto/participant-vault.js';
import { journeyHandlers } from './events/journey-handlers.js';
import { announceExpiredConsents } from './use-cases/consent.js';
import { cachedProgrammes } from './use-cases/programme-cache.js';
import { FirstReferralWriter } from './use-cases/first-referral-writer.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

// config -> logger -> connections -> buildApp -> listen -> graceful close -> consumers
const config = parseConfig(configSchema);
const logger = createLogger({ name: 'referral-service', level: config.LOG_LEVEL });
const migrations = new URL('../migrations', import.meta.url).pathname;
await migrate({ databaseUrl: config.DATABASE_URL, dir: migrations });
await migrateIdempotency(config.DATABASE_URL);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const pool = createPool(config.DATABASE_URL, { applicationName: 'referral-service', max: 20 });
const identityPool = createPool(config.IDENTITY_DATABASE_URL, {
  applicationName: 'referral-service-identity',
  max: 5,
});
const ring = parseKeyRing(config.MASTER_KEYS);
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'referral-service', logger });
await ensureTopics(kafka, [topics.referrals, topics.journeys]);
const metrics = new BackboneMetrics();
const deps = {
  pool,
  vault: new ParticipantVault(ring),
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
const relay = new OutboxRelay({
  pool,
  databaseUrl: config.DATABASE_URL,
  kafka,
  logger,
  metrics,
  lanes: config.RELAY_LANES,
  lingerMs: config.RELAY_LINGER_MS,
});
const consumer = new ConsumerRunner({
  kafka,
  pool,
  logger,
  metrics,
  groupId: 'referral-service.journeys',
  topics: [topics.journeys],
  handlers: journeyHandlers(),
});
const webhookDestinations = {
  allowHttp: config.WEBHOOKS_ALLOW_HTTP,
  allowedPrivateHosts: config.WEBHOOKS_ALLOWED_PRIVATE_HOSTS,
};
const dispatcher = new WebhookDispatcher({ pool, ring, logger, destinations: webhookDestinations });
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
  isReady: async () => {
    await pool.query('select 1');
    return true;
  },
});
app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
  reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
);

// Consents that expired on active referrals are announced (ConsentExpired) within a minute.
const consentExpiry = setInterval(
  () =>
    void announceExpiredConsents(deps).catch((error: unknown) =>
      logger.warn({ err: error }, 'announcing expired consents failed'),
    ),
  60_000,
);
const pruning = setInterval(
  () =>
    void pruneIdempotencyKeys(pool).catch((error: unknown) =>
      logger.warn({ err: error }, 'pruning failed'),
    ),
  3_600_000,
);

await app.listen({ host: config.HOST, port: config.PORT });
// Straight after listening, before the consumers' start (which can take seconds): from the first
// request on, SIGTERM lets in-flight requests finish. Set after it, a SIGTERM in between killed
// the process outright.
closeGracefully(app, {
  logger,
  timeoutMs: 20_000,
  onClose: async () => {
    clearInterval(pruning);
    clearInterval(consentExpiry);
    await dispatcher.stop();
    await consumer.stop();
    await relay.stop();
    await pool.end();
    await identityPool.end();
  },
});
await relay.start();
await consumer.start();
dispatcher.start();
