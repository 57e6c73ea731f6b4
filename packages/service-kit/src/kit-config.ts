import { z } from 'zod';
import { env } from '@ladder/config';

/**
 * Each deployable's ports: the public API (or, for the worker, the codec endpoint the Temporal Web
 * UI calls) and the metrics address Prometheus scrapes. Metrics never share the API's port, so
 * what the API exposes to callers and what operators scrape stay apart.
 */
export const servicePorts = {
  referral: { api: 3001, metrics: 9301 },
  training: { api: 3002, metrics: 9302 },
  employer: { api: 3003, metrics: 9303 },
  ops: { api: 3004, metrics: 9304 },
  worker: { api: 3099, metrics: 9399 },
} as const;

/**
 * The env the kit itself reads, to spread into a deployable's config schema:
 * `z.object({ ...kitEnv(servicePorts.training), DATABASE_URL: env.postgresUrl(), ... })`.
 * `PORT` is the API's; `METRICS_HOST` and `METRICS_PORT` are where `/metrics` is served.
 */
export function kitEnv(ports: { api: number; metrics: number }) {
  return {
    HOST: z.string().default('127.0.0.1'),
    PORT: env.port(ports.api),
    LOG_LEVEL: env.logLevel(),
    /** Loopback unless set: metrics are for the operator's scraper, not the world. */
    METRICS_HOST: z.string().default('127.0.0.1'),
    METRICS_PORT: env.port(ports.metrics),
  };
}

/** What the kit needs from a parsed config; every schema built on {@link kitEnv} gives it. */
export interface KitConfig {
  HOST: string;
  PORT: number;
  LOG_LEVEL: z.infer<ReturnType<typeof env.logLevel>>;
  METRICS_HOST: string;
  METRICS_PORT: number;
}
