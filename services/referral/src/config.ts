import { createSecretKey } from 'node:crypto';
import { z } from 'zod';
import { env } from '@ladder/config';
import { keyRingEnv } from '@ladder/crypto';
import { kitEnv, servicePorts } from '@ladder/service-kit';

const base64Key = (bytes: number) =>
  z
    .string()
    .transform((v) => Buffer.from(v, 'base64'))
    .refine((b) => b.length === bytes, `must be ${bytes} bytes in base64`);

/** Every env var the referral service reads (docker-compose.yml is checked against this). */
export const configSchema = z.object({
  /** HOST, PORT (3001), LOG_LEVEL, METRICS_HOST, METRICS_PORT (9301): see @ladder/service-kit. */
  ...kitEnv(servicePorts.referral),
  DATABASE_URL: env.postgresUrl(),
  IDENTITY_DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** `<id>:<32 bytes base64>[,<id>:<key>...]`, newest first: wraps each participant's data key. */
  MASTER_KEYS: z.string().min(1),
  /**
   * `<id>:<32 bytes base64>[,...]`, newest first: seals the participant's postcode area and
   * priority groups in `ReportingProfileShared`. Shared with the ops service only.
   */
  REPORTING_KEYS: keyRingEnv(),
  /** 32 bytes base64: the key of the person-matching hash (NI number, or name and date of birth). */
  MATCHING_KEY: base64Key(32).transform((key) => createSecretKey(key)),
  IDEMPOTENCY_KEEP_DAYS: z.coerce.number().int().min(7).default(7),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** How long programme rules are cached per process; a new version applies within this. */
  PROGRAMME_CACHE_MS: z.coerce.number().int().min(0).default(5000),
  /**
   * Group commit of the usual submissions: statements writing them at once, and submissions in one
   * statement at most (see FirstReferralWriter).
   */
  SUBMIT_STATEMENTS_AT_ONCE: z.coerce.number().int().min(1).default(1),
  SUBMIT_GROUP_MAX: z.coerce.number().int().min(1).max(1000).default(100),
  /**
   * The outbox relay (see @ladder/kafka): passes side by side, and how long rows may gather before
   * a pass when the last carried few. One lane and 50 ms make the passes, Kafka requests and
   * outbox transactions of a busy service fewer and fuller (each costs a few round trips, and on
   * our machines a round trip costs more CPU than a referral's rows), for at most 50 ms more on
   * an event's way to Kafka.
   */
  RELAY_LANES: z.coerce.number().int().min(1).max(16).default(1),
  RELAY_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(50),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** Plain-http webhook URLs are refused unless this is set (local development and tests). */
  WEBHOOKS_ALLOW_HTTP: z.stringbool().default(false),
  /**
   * Hosts (`host` or `host:port`, comma-separated) that webhooks may reach although they resolve
   * to loopback or private addresses: a receiver on a developer's machine. Empty in production.
   */
  WEBHOOKS_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .default('')
    .transform(
      (v) =>
        new Set(
          v
            .split(',')
            .map((h) => h.trim())
            .filter(Boolean),
        ),
    ),
});

export type ReferralConfig = z.infer<typeof configSchema>;
