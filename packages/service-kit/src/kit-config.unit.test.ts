import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, parseConfig } from '@ladder/config';
import { kitEnv, servicePorts } from './kit-config.js';

const schema = z.object({ ...kitEnv(servicePorts.training), DATABASE_URL: env.postgresUrl() });

describe('kitEnv', () => {
  it('when only the service’s own variables are set, then the kit’s take their defaults', () => {
    const config = parseConfig(schema, { DATABASE_URL: 'postgres://db/training' });
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3002,
      LOG_LEVEL: 'info',
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: 9302,
    });
  });

  it('when several variables are bad, then the error names each of them', () => {
    let error: unknown;
    try {
      parseConfig(schema, { METRICS_PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'METRICS_PORT',
    ]);
  });

  it('when the ports of every deployable are listed, then no two listeners share a port', () => {
    const ports = Object.values(servicePorts).flatMap((p) => [p.api, p.metrics]);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
