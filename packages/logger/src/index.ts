import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that hold personal data or credentials anywhere in a log object. Personal data here
 * includes special category data (health, disability, care history), so it never reaches a log:
 * values under these keys are replaced, at any depth pino's redaction reaches.
 */
export const redactedKeys = [
  'authorization',
  'cookie',
  'apiKey',
  'password',
  'secret',
  'token',
  'person',
  'name',
  'firstName',
  'lastName',
  'givenName',
  'familyName',
  'dateOfBirth',
  'niNumber',
  'nationalInsuranceNumber',
  'email',
  'phone',
  'address',
  'postcode',
  'notes',
  'reasonableAdjustments',
  'body',
] as const;

function redactPaths(): string[] {
  // pino redacts exact paths; cover top level, one and two levels down, and request headers.
  // A top-level `name` is the logger's own name (the service), not a person's.
  return redactedKeys.flatMap((key) => [
    ...(key === 'name' ? [] : [key]),
    `*.${key}`,
    `*.*.${key}`,
    `req.headers.${key.toLowerCase()}`,
  ]);
}

export interface LoggerConfig {
  /** The service or process, e.g. `referral-service`. */
  name: string;
  level?: LoggerOptions['level'];
}

/** The process's one logger; pass it down (and to Fastify as `loggerInstance`). */
export function createLogger(config: LoggerConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name: config.name,
    level: config.level ?? 'info',
    redact: { paths: redactPaths(), censor: '[redacted]' },
    base: { service: config.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export { lazyChild } from './lazy-child.js';
