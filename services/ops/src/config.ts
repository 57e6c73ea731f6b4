import { z } from 'zod';
import { env } from '@ladder/config';
import { kitEnv, servicePorts } from '@ladder/service-kit';

/** Every env var the ops service reads (docker-compose.yml is checked against this). */
export const configSchema = z.object({
  ...kitEnv(servicePorts.ops), // HOST, PORT 3004, LOG_LEVEL, METRICS_HOST, METRICS_PORT 9304
  DATABASE_URL: env.postgresUrl(),
  IDENTITY_DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
});

export type OpsConfig = z.infer<typeof configSchema>;

/** What the `ops` command needs: the read model's database and Kafka. */
export const cliConfigSchema = configSchema.pick({
  LOG_LEVEL: true,
  DATABASE_URL: true,
  KAFKA_BROKERS: true,
});
