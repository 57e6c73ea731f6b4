import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { parseConfig } from '@ladder/config';
import { parseKeyRing } from '@ladder/crypto';
import { createPool, migrate } from '@ladder/db';
import { topics } from '@ladder/events';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createJourneyActivities } from './activities/journey.activities.js';
import { referralBridgeHandlers } from './bridge/referral-bridge.js';
import { trainingBridgeHandlers } from './bridge/training-bridge.js';
import { AesGcmCodec } from './codec/aes-gcm-codec.js';
import { buildCodecServer } from './codec/codec-server.js';
import { configSchema } from './config.js';
import { createJourneyWorker, workerMigrationsDir } from './worker.js';

// config -> logger -> connections -> worker -> bridge -> codec endpoint -> graceful close
const config = parseConfig(configSchema);
const logger = createLogger({ name: 'journey-worker', level: config.LOG_LEVEL });
await migrate({ databaseUrl: config.DATABASE_URL, dir: workerMigrationsDir });
const pool = createPool(config.DATABASE_URL, { applicationName: 'journey-worker' });
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'journey-worker', logger });
await ensureTopics(kafka, [topics.referrals, topics.journeys, topics.training]);
const codec = new AesGcmCodec(parseKeyRing(config.CODEC_KEYS));
const dataConverter = { payloadCodecs: [codec] };

const client = new Client({
  connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }),
  namespace: config.TEMPORAL_NAMESPACE,
  dataConverter,
});
const worker = await createJourneyWorker({
  connection: await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
  namespace: config.TEMPORAL_NAMESPACE,
  activities: createJourneyActivities({ pool }),
  dataConverter,
  ...(config.WORKFLOW_BUNDLE ? { bundlePath: config.WORKFLOW_BUNDLE } : {}),
});
const relay = new OutboxRelay({ pool, databaseUrl: config.DATABASE_URL, kafka, logger });
const bridge = new ConsumerRunner({
  kafka,
  pool,
  logger,
  groupId: 'journey-worker.bridge',
  topics: [topics.referrals, topics.training],
  handlers: { ...referralBridgeHandlers(client), ...trainingBridgeHandlers(client) },
});
const codecServer = await buildCodecServer({
  codec,
  logger,
  allowedOrigin: config.CODEC_ALLOWED_ORIGIN,
  ...(config.CODEC_TOKEN ? { token: config.CODEC_TOKEN } : {}),
});
codecServer.get('/ready', () => ({ status: 'ready' }));

await relay.start();
const running = worker.run();
await bridge.start();
await codecServer.listen({ host: config.HOST, port: config.CODEC_PORT });
logger.info({ taskQueue: worker.options.taskQueue }, 'journey worker running');

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  void (async () => {
    await bridge.stop(); // no new journeys or signals
    worker.shutdown(); // finishes the tasks in hand
    await running;
    await relay.stop();
    await codecServer.close();
    await pool.end();
    process.exit(0);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
