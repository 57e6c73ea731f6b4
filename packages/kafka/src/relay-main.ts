/**
 * The outbox relay as a process of its own: `tsx packages/kafka/src/relay-main.ts`.
 * Env: DATABASE_URL, KAFKA_BROKERS (comma-separated), optional LOG_LEVEL and RELAY_BATCH_SIZE.
 * SIGTERM or SIGINT finishes the batch in flight and exits 0; unpublished rows stay in the outbox.
 */
import { z } from 'zod';
import { env, parseConfig } from '@ladder/config';
import { createPool } from '@ladder/db';
import { createLogger } from '@ladder/logger';
import { createKafka } from './client.js';
import { OutboxRelay } from './relay.js';

const config = parseConfig(
  z.object({
    DATABASE_URL: env.postgresUrl(),
    KAFKA_BROKERS: env.kafkaBrokers(),
    LOG_LEVEL: env.logLevel(),
    RELAY_BATCH_SIZE: z.coerce.number().int().positive().optional(),
  }),
);

const logger = createLogger({ name: 'outbox-relay', level: config.LOG_LEVEL });
const pool = createPool(config.DATABASE_URL, { max: 4, applicationName: 'outbox-relay' });
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'outbox-relay', logger });
const relay = new OutboxRelay({
  pool,
  databaseUrl: config.DATABASE_URL,
  kafka,
  logger,
  batchSize: config.RELAY_BATCH_SIZE,
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'outbox relay stopping');
  await relay.stop();
  await pool.end();
  logger.info('outbox relay stopped');
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, (s) => {
    shutdown(s).catch((error: unknown) => {
      logger.fatal({ err: error }, 'outbox relay failed to stop cleanly');
      process.exit(1);
    });
  });
}

try {
  await relay.start();
  logger.info({ batchSize: config.RELAY_BATCH_SIZE ?? 'default' }, 'outbox relay started');
} catch (error) {
  logger.fatal({ err: error }, 'outbox relay failed to start');
  process.exit(1);
}
