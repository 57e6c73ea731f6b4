import { readFileSync } from 'node:fs';
import { parseConfig } from '@ladder/config';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { createPool } from '@ladder/db';
import { topics } from '@ladder/events';
import { closeGracefully } from '@ladder/http';
import { pruneIdempotencyKeys } from '@ladder/idempotency';
import {
  BackboneMetrics,
  ConsumerRunner,
  OutboxRelay,
  createKafka,
  ensureTopics,
} from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createParticipantViewClient } from '@ladder/participant-view';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { referralHandlers } from './events/referral-handlers.js';
import { migrateTraining } from './migrate.js';
import { startOfferLapser } from './use-cases/lapse-offers.js';

// config -> logger -> connections -> buildApp -> listen -> graceful close -> consumers
const config = parseConfig(configSchema);
const logger = createLogger({ name: 'training-service', level: config.LOG_LEVEL });
await migrateTraining(config.DATABASE_URL);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const pool = createPool(config.DATABASE_URL, { applicationName: 'training-service', max: 20 });
const identityPool = createPool(config.IDENTITY_DATABASE_URL, {
  applicationName: 'training-service-identity',
  max: 5,
});
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'training-service', logger });
await ensureTopics(kafka, [topics.training, topics.referrals]);
const metrics = new BackboneMetrics();
const apiKey =
  config.PARTICIPANT_VIEW_API_KEY ??
  readFileSync(config.PARTICIPANT_VIEW_API_KEY_FILE!, 'utf8').trim();
const deps = {
  pool,
  logger,
  now: () => new Date(),
  idempotencyKeepDays: config.IDEMPOTENCY_KEEP_DAYS,
  participantViews: createParticipantViewClient({ baseUrl: config.REFERRAL_SERVICE_URL, apiKey }),
};
const relay = new OutboxRelay({
  pool,
  databaseUrl: config.DATABASE_URL,
  kafka,
  logger,
  metrics,
});
const consumer = new ConsumerRunner({
  kafka,
  pool,
  logger,
  metrics,
  groupId: 'training-service.referrals',
  topics: [topics.referrals],
  handlers: referralHandlers(),
});
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
  isReady: async () => {
    await pool.query('select 1');
    return true;
  },
});
app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
  reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
);
const pruning = setInterval(
  () =>
    void pruneIdempotencyKeys(pool).catch((error: unknown) =>
      logger.warn({ err: error }, 'pruning failed'),
    ),
  3_600_000,
);

await app.listen({ host: config.HOST, port: config.PORT });
const lapser = startOfferLapser(deps, config.OFFER_LAPSE_EVERY_MS);
closeGracefully(app, {
  logger,
  timeoutMs: 20_000,
  onClose: async () => {
    clearInterval(pruning);
    await lapser.stop();
    await consumer.stop();
    await relay.stop();
    await pool.end();
    await identityPool.end();
  },
});
await relay.start();
await consumer.start();
