import closeWithGrace from 'close-with-grace';
import { collectDefaultMetrics } from 'prom-client';
import type { z } from 'zod';
import { ConfigError, parseConfig } from '@ladder/config';
import { createPool, migrate, type MigrateOptions, type Pool } from '@ladder/db';
import type { TopicDefinition } from '@ladder/events';
import type { HttpApp } from '@ladder/http';
import { BackboneMetrics, createKafka, ensureTopics, type Kafka } from '@ladder/kafka';
import { startTracing, type Tracing } from '@ladder/tracing';
import { createLogger, type Logger } from '@ladder/logger';
import type { KitConfig } from './kit-config.js';
import { Lifecycle, type Component, type Parts } from './lifecycle.js';
import { buildMetricsServer } from './metrics-server.js';
import { periodicJob } from './periodic-job.js';
import { Readiness, type ReadinessCheck } from './readiness.js';

/** What a deployable's `start` gets from the kit. */
export interface ServiceKit<C extends KitConfig> {
  /** The env, parsed once with the deployable's schema. */
  config: C;
  /** The process's one logger; pass it down (buildApp gives it to Fastify). */
  logger: Logger;
  /** The registry served on METRICS_PORT: give it to every relay and consumer. */
  metrics: BackboneMetrics;
  /** A pool that `/ready` checks and that is closed after everything that uses it. */
  pool: (url: string, options?: { max?: number; applicationName?: string }) => Pool;
  /** A Kafka client for this deployable, once its topics (and their dead-letter topics) exist. */
  kafka: (brokers: string[], topics: readonly TopicDefinition[]) => Promise<Kafka>;
  /** A background task every `intervalMs`; put it in `jobs`. */
  every: (name: string, intervalMs: number, run: () => Promise<unknown>) => Component;
  /** For buildApp's `isReady`: true once everything started, false while closing. */
  isReady: () => Promise<boolean>;
  /** Another condition of readiness (a connection to a server other than PostgreSQL). */
  readyWhen: (check: ReadinessCheck) => void;
  /** Closes a resource at the very end, after the parts (connections to Temporal, say). */
  onClose: (close: () => Promise<unknown> | void) => void;
  /** The process's tracing (on when the OpenTelemetry env names an endpoint): for Temporal's workers. */
  tracing: Tracing;
}

/** What `start` returns: the API and the moving parts, each started and stopped by the kit. */
export interface ServiceParts extends Parts {
  /** The API from the deployable's buildApp (not listening); the kit listens on HOST and `port`. */
  http?: { app: HttpApp; port: number };
}

/** One way of bringing a database up to date: a folder of numbered SQL files, or a function. */
export type Migration = MigrateOptions | (() => Promise<void>);

export interface ServiceDefinition<S extends z.ZodObject> {
  /** `training-service`: the logger's name, the pools' application name, the Kafka client id. */
  name: string;
  /** The deployable's env schema, built on {@link kitEnv}. */
  config: S;
  /** Applied in order before `start`. */
  migrations?: (config: z.infer<S>) => Migration[];
  /** Connects, builds the API and the parts; nothing in it should start consuming yet. */
  start(kit: ServiceKit<z.infer<S> & KitConfig>): Promise<ServiceParts>;
  /**
   * How long shutdown may take before the process exits 1 anyway. Default 20 s: within the 25 s
   * that `npm start` (and docker-compose.yml's `stop_grace_period`) wait before SIGKILL.
   */
  shutdownTimeoutMs?: number;
}

/**
 * Runs a deployable: parses its config (a bad env exits 1 naming every bad variable), makes the
 * one logger, serves metrics on METRICS_PORT, applies migrations, calls `start`, listens, then
 * starts relays, workers, consumers and jobs. From the first line on, SIGTERM or SIGINT (through
 * close-with-grace) shuts down in order: the API stops accepting and lets in-flight requests
 * finish, then consumers, workers, relays and jobs stop, then pools and other resources close,
 * then metrics; the process exits 0. An uncaught error, or a failed start, does the same and
 * exits 1; a second signal, or `shutdownTimeoutMs`, exits 1 at once.
 */
export async function runService<S extends z.ZodObject>(
  definition: ServiceDefinition<S>,
): Promise<void> {
  let config: z.infer<S> & KitConfig;
  try {
    config = parseConfig(definition.config) as z.infer<S> & KitConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No LOG_LEVEL to trust yet; the message names every bad variable and never a value.
    createLogger({ name: definition.name }).fatal({ variables: error.problems }, error.message);
    process.exit(1);
  }
  const logger = createLogger({ name: definition.name, level: config.LOG_LEVEL });
  // Before anything that makes spans; on only where OTEL_EXPORTER_OTLP_ENDPOINT says where to send them.
  const tracing = startTracing({ serviceName: definition.name });
  const timeoutMs = definition.shutdownTimeoutMs ?? 20_000;

  const readiness = new Readiness();
  const closers: (() => Promise<unknown> | void)[] = [];
  const metrics = new BackboneMetrics();
  collectDefaultMetrics({ register: metrics.registry });
  const metricsServer = buildMetricsServer({ registry: metrics.registry, logger });

  let http: ServiceParts['http'];
  let lifecycle: Lifecycle | undefined;
  let setUp: Promise<unknown> = Promise.resolve();
  let stopping = false;

  const shutdown = async (): Promise<void> => {
    stopping = true;
    readiness.markClosing();
    // Whatever is still being set up finishes first (its parts are then stopped, not started);
    // then in-flight requests finish, while the pools and the relay they may need still run.
    await setUp;
    if (http) await http.app.close();
    await lifecycle?.stop();
    for (const close of closers.reverse()) await close();
    await metricsServer.close();
    await tracing.shutdown();
    logger.info('stopped');
  };

  closeWithGrace(
    {
      delay: timeoutMs,
      logger: { error: (message: unknown) => logger.error({ err: message }, 'shutdown') },
      onTimeout: (delay) => logger.error({ delay }, 'shutdown timed out'),
    },
    async ({ signal, err }) => {
      if (err) logger.fatal({ err }, 'failed; shutting down');
      else logger.info({ signal }, 'shutting down');
      await shutdown();
    },
  );

  const kit: ServiceKit<typeof config> = {
    config,
    logger,
    metrics,
    pool: (url, options = {}) => {
      const pool = createPool(url, {
        applicationName: options.applicationName ?? definition.name,
        ...(options.max === undefined ? {} : { max: options.max }),
      });
      readiness.add(() => pool.query('select 1'));
      closers.push(() => pool.end());
      return pool;
    },
    kafka: async (brokers, topics) => {
      const kafka = createKafka({ brokers, clientId: definition.name, logger });
      await ensureTopics(kafka, topics);
      return kafka;
    },
    every: (name, intervalMs, run) => periodicJob({ name, intervalMs, run, logger }),
    isReady: readiness.isReady,
    readyWhen: (check) => readiness.add(check),
    onClose: (close) => closers.push(close),
    tracing,
  };

  const started = (async () => {
    await metricsServer.listen({ host: config.METRICS_HOST, port: config.METRICS_PORT });
    for (const migration of definition.migrations?.(config) ?? []) {
      if (stopping) return;
      await (typeof migration === 'function' ? migration() : migrate(migration));
    }
    if (stopping) return;
    const parts = await definition.start(kit);
    lifecycle = new Lifecycle(parts, (step) => logger.debug(step, 'lifecycle'));
    http = parts.http;
    if (stopping) return;
    if (http) await http.app.listen({ host: config.HOST, port: http.port });
  })();
  setUp = started.catch(() => undefined);
  try {
    await started;
    if (stopping) return;
    await lifecycle?.start();
    if (stopping) return;
    readiness.markStarted();
    logger.info(
      {
        ...(http ? { api: `http://${config.HOST}:${http.port}` } : {}),
        metrics: `http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`,
      },
      'started',
    );
  } catch (error) {
    if (stopping) return;
    logger.fatal({ err: error }, 'failed to start');
    const timer = setTimeout(() => process.exit(1), timeoutMs);
    timer.unref();
    await shutdown().catch((closeError: unknown) =>
      logger.error({ err: closeError }, 'shutdown failed'),
    );
    process.exit(1);
  }
}
