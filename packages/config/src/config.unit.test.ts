import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, parseConfig } from './index.js';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  LOG_LEVEL: env.logLevel(),
});

describe('parseConfig', () => {
  it('when the env fits, then values are typed and defaults applied', () => {
    expect(
      parseConfig(schema, { DATABASE_URL: 'postgres://u@h:5432/db', KAFKA_BROKERS: 'a:1, b:2' }),
    ).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgres://u@h:5432/db',
      KAFKA_BROKERS: ['a:1', 'b:2'],
      LOG_LEVEL: 'info',
    });
  });

  it('when variables are missing or wrong, then the error names each of them', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://h/db' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT']);
    expect((error as ConfigError).message).toMatch(/PORT/);
  });
});
