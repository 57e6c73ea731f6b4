import { randomBytes } from 'node:crypto';
import { testStack, type TestDatabase } from '@ladder/testing';

/** The environment a journey worker process needs against this run's real servers. */
export function workerProcessEnv(options: {
  db: TestDatabase;
  port: number;
  metricsPort: number;
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const stack = testStack();
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: String(options.port),
    METRICS_PORT: String(options.metricsPort),
    DATABASE_URL: options.db.url,
    KAFKA_BROKERS: stack.kafka.brokers.join(','),
    TEMPORAL_ADDRESS: stack.temporal.address,
    TEMPORAL_NAMESPACE: stack.temporal.namespace,
    CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
    // The codec endpoint answers no one anonymously: a worker needs a way to know its callers.
    CODEC_TOKEN: randomBytes(24).toString('base64url'),
    ...options.extra,
  };
}
