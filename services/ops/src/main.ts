import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { runService } from '@ladder/service-kit';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { projectedTopics, projectionGroupBase } from './events/projection.handlers.js';
import { createProjection } from './events/rebuild.js';

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
    const app = await buildApp({
      pool,
      logger,
      now: () => new Date(),
      store: new CredentialStore(identityPool),
      isReady: kit.isReady,
    });
    const projection = await createProjection({
      pool,
      kafka,
      logger,
      metrics,
      groupBase: projectionGroupBase,
      topics: projectedTopics,
    });
    return { http: { app, port: config.PORT }, consumers: [projection] };
  },
});
