import { z } from 'zod';
import { env } from '@ladder/config';
import { kitEnv, servicePorts } from '@ladder/service-kit';

/** Every env var the worker reads (docker-compose.yml is checked against this). */
export const configSchema = z.object({
  /**
   * HOST, PORT (3099: the codec endpoint the Temporal Web UI calls), LOG_LEVEL, METRICS_HOST,
   * METRICS_PORT (9399): see @ladder/service-kit.
   */
  ...kitEnv(servicePorts.worker),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** `<id>:<32 bytes base64>[,...]`, newest first: encrypts every Temporal payload. */
  CODEC_KEYS: z.string().min(1),
  /** The Web UI's origin, the only one allowed to call the codec endpoint from a browser. */
  CODEC_ALLOWED_ORIGIN: z.string().default('http://127.0.0.1:58233'),
  /**
   * The codec endpoint answers only a caller bearing this token or (next) an ops admin's session;
   * at least one of the two must be set.
   */
  CODEC_TOKEN: z.string().min(16).optional(),
  /** The ops service's `/internal/v1/codec-access`: asks whose staff session a browser carries. */
  CODEC_STAFF_CHECK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A prebuilt workflow bundle (npm run bundle in workflows/); without it the worker bundles at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});

export type WorkerConfig = z.infer<typeof configSchema>;
