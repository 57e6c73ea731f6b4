import { z } from 'zod';
import { env } from '@ladder/config';
import { kitEnv, servicePorts } from '@ladder/service-kit';

/** Every env var the employer service reads (docker-compose.yml is checked against this). */
export const configSchema = z
  .object({
    /** HOST, PORT (3003), LOG_LEVEL, METRICS_HOST, METRICS_PORT (9303): see @ladder/service-kit. */
    ...kitEnv(servicePorts.employer),
    DATABASE_URL: env.postgresUrl(),
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    KAFKA_BROKERS: env.kafkaBrokers(),
    /** The referral service, holder of participants' personal data (the consented view). */
    REFERRAL_SERVICE_URL: z.url(),
    /** This service's API key at the referral service, with the scope `participants:view`. */
    PARTICIPANT_VIEW_API_KEY: z.string().min(1).optional(),
    /** Or a file holding it (written by the demo data under `npm start`). */
    PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1).optional(),
    IDEMPOTENCY_KEEP_DAYS: z.coerce.number().int().min(7).default(7),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
    /** How often sustainment tasks whose mark has come are asked (SustainmentDue). */
    SUSTAINMENT_DUE_EVERY_MS: z.coerce.number().int().min(100).default(15_000),
    JWT_JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
  })
  .refine((c) => c.PARTICIPANT_VIEW_API_KEY ?? c.PARTICIPANT_VIEW_API_KEY_FILE, {
    message: 'set PARTICIPANT_VIEW_API_KEY or PARTICIPANT_VIEW_API_KEY_FILE',
    path: ['PARTICIPANT_VIEW_API_KEY'],
  });

export type EmployerConfig = z.infer<typeof configSchema>;
