import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { parseKeyRing } from '@ladder/crypto';
import { topics } from '@ladder/events';
import { ConsumerRunner, OutboxRelay } from '@ladder/kafka';
import { runService, type Component } from '@ladder/service-kit';
import { temporalClientInterceptors } from '@ladder/tracing';
import { createJourneyActivities } from './activities/journey.activities.js';
import { concurrentByParticipant } from './bridge/by-participant.js';
import { consentBridgeHandlers } from './bridge/consent-bridge.js';
import { employerBridgeHandlers } from './bridge/employer-bridge.js';
import { referralBridgeHandlers } from './bridge/referral-bridge.js';
import { trainingBridgeHandlers } from './bridge/training-bridge.js';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import { buildCodecApp } from './codec/codec-app.js';
import { opsStaffCheck } from './codec/staff-check.js';
import { configSchema } from './config.js';
import { temporalLogger } from './temporal-logger.js';
import { createJourneyWorker, workerMigrationsDir } from './worker.js';

/** The Temporal worker as a part the kit stops after the bridge: it finishes the tasks in hand. */
function temporalWorker(worker: Worker): Component {
  let running: Promise<void> | undefined;
  return {
    start: () => {
      // A worker that fails on its own rejects here, unhandled: the kit then shuts down, exit 1.
      running = worker.run();
    },
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

await runService({
  name: 'journey-worker',
  config: configSchema,
  migrations: (config) => [{ databaseUrl: config.DATABASE_URL, dir: workerMigrationsDir }],
  // The worker's own grace time for activities in hand is 20 s (worker.ts); the bridge and the
  // relay around it need a little more, and npm start waits 25 s before SIGKILL.
  shutdownTimeoutMs: 24_000,
  async start(kit) {
    const { config, logger, metrics } = kit;
    // Only the kit answers signals: Temporal's runtime would otherwise shut the worker down on
    // SIGTERM at the same moment as the bridge, while the bridge may still start journeys.
    Runtime.install({ shutdownSignals: [], logger: temporalLogger(logger) });
    const pool = kit.pool(config.DATABASE_URL);
    const kafka = await kit.kafka(config.KAFKA_BROKERS, [
      topics.referrals,
      topics.journeys,
      topics.training,
      topics.employers,
    ]);
    const codec = new AesGcmCodec(parseKeyRing(config.CODEC_KEYS));
    const dataConverter = { payloadCodecs: [codec] };

    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    kit.onClose(() => connection.close());
    const client = new Client({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      dataConverter,
      // Starting or signalling a journey joins the trace of the event that caused it.
      interceptors: temporalClientInterceptors(),
    });
    const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    kit.onClose(() => workerConnection.close());
    const worker = await createJourneyWorker({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      activities: createJourneyActivities({ pool }),
      dataConverter,
      tracing: kit.tracing,
      ...(config.WORKFLOW_BUNDLE ? { bundlePath: config.WORKFLOW_BUNDLE } : {}),
    });
    const bridge = new ConsumerRunner({
      kafka,
      pool,
      logger,
      metrics,
      groupId: 'journey-worker.bridge',
      topics: [topics.referrals, topics.training, topics.employers],
      // Different participants' events are signalled at once; each participant's in order.
      handlers: concurrentByParticipant([
        ...referralBridgeHandlers(client),
        ...consentBridgeHandlers(client),
        ...trainingBridgeHandlers(client),
        ...employerBridgeHandlers(client),
      ]),
    });
    logger.info({ taskQueue: worker.options.taskQueue }, 'journey worker ready to run');
    return {
      // The codec endpoint is the worker's only HTTP listener: its /ready is the worker's.
      http: {
        app: await buildCodecApp({
          codec,
          logger,
          allowedOrigin: config.CODEC_ALLOWED_ORIGIN,
          ...(config.CODEC_TOKEN ? { token: config.CODEC_TOKEN } : {}),
          ...(config.CODEC_STAFF_CHECK_URL
            ? { staffCheck: opsStaffCheck(config.CODEC_STAFF_CHECK_URL) }
            : {}),
          isReady: kit.isReady,
        }),
        port: config.PORT,
      },
      relays: [new OutboxRelay({ pool, databaseUrl: config.DATABASE_URL, kafka, logger, metrics })],
      workers: [temporalWorker(worker)],
      consumers: [bridge],
    };
  },
});
