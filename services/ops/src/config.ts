import { z } from 'zod';
import { env } from '@ladder/config';
import { keyRingEnv } from '@ladder/crypto';
import { kitEnv, servicePorts } from '@ladder/service-kit';

/** Every env var the ops service reads (docker-compose.yml is checked against this). */
export const configSchema = z
  .object({
    ...kitEnv(servicePorts.ops), // HOST, PORT 3004, LOG_LEVEL, METRICS_HOST, METRICS_PORT 9304
    DATABASE_URL: env.postgresUrl(),
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    KAFKA_BROKERS: env.kafkaBrokers(),
    /** The Temporal the journey worker runs on: the live state of a journey is its query. */
    TEMPORAL_ADDRESS: z.string().min(1),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    /** The journey worker's payload keys (`<id>:<32 bytes base64>[,...]`): queries answer encrypted. */
    CODEC_KEYS: z.string().min(1),
    /**
     * The reporting keys (`<id>:<32 bytes base64>[,...]`) the referral service seals each
     * participant's area and priority groups with; held by these two services only.
     */
    REPORTING_KEYS: keyRingEnv(),
    /** Where staff's browsers reach the service: the OIDC redirect goes back here. */
    PUBLIC_URL: z.url().default('http://127.0.0.1:3004'),
    /** The staff identity provider (NHS CIS2 or Entra ID); unset only with DEV_SIGN_IN_PORT. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).default('ladder-ops'),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid profile ladder'),
    /** The ID token claims naming the staff member's organisation and ops role. */
    STAFF_ORGANISATION_CLAIM: z.string().min(1).default('ladder_organisation'),
    STAFF_ROLE_CLAIM: z.string().min(1).default('ladder_role'),
    SESSION_HOURS: z.coerce.number().min(0.25).max(24).default(8),
    /** The referral service: a participant's consented view, when staff reveal it. */
    REFERRAL_SERVICE_URL: z.url(),
    /** This service's API key there, with the scope `participants:view`; or a file holding it. */
    PARTICIPANT_VIEW_API_KEY: z.string().min(1).optional(),
    PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1).optional(),
    /** The training service: intakes to choose from, and places staff request. */
    TRAINING_SERVICE_URL: z.url(),
    /** The employer service: placement slots and vacancies, and placements staff propose. */
    EMPLOYER_SERVICE_URL: z.url(),
    /**
     * The programme operators' own API keys, which ops calls the training and employer services
     * with for their staff: a JSON object `{ "<operator organisation id>": "<api key>" }`, each
     * key with `training:read`, `training:write`, `employment:read`, `employment:write`; or a
     * file holding it. An operator without one sees why those actions cannot be taken.
     */
    OPERATOR_API_KEYS: z.string().min(1).optional(),
    OPERATOR_API_KEYS_FILE: z.string().min(1).optional(),
    /**
     * Development only: run the development provider (demo staff, any password) on this port of
     * 127.0.0.1 and sign staff in through it.
     */
    DEV_SIGN_IN_PORT: env.port(0).optional(),
  })
  .refine((c) => c.OIDC_ISSUER !== undefined || c.DEV_SIGN_IN_PORT !== undefined, {
    path: ['OIDC_ISSUER'],
    message: 'set the staff identity provider (or DEV_SIGN_IN_PORT for development)',
  })
  .refine((c) => c.PARTICIPANT_VIEW_API_KEY ?? c.PARTICIPANT_VIEW_API_KEY_FILE, {
    path: ['PARTICIPANT_VIEW_API_KEY'],
    message: 'set PARTICIPANT_VIEW_API_KEY or PARTICIPANT_VIEW_API_KEY_FILE',
  });

export type OpsConfig = z.infer<typeof configSchema>;

/** What the `ops` command needs: the read model's database and Kafka. */
export const cliConfigSchema = z.object({
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  /** Needed by `rebuild` only: the replayed profiles are opened with them. */
  REPORTING_KEYS: keyRingEnv().optional(),
});
