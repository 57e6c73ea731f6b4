import { z } from 'zod';
import { env } from '@ladder/config';

/** Every env var the ops service reads (docker-compose.yml is checked against this). */
export const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: env.port(3004),
  LOG_LEVEL: env.logLevel(),
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
