import { describe, expect, it } from 'vitest';
import { apps } from './apps.js';
import type { LocalSecrets } from './secrets.js';
import type { StackEndpoints } from './stack.js';
import { systemAppNames, systemDefinitions, type SystemPorts } from './system.js';

const stack: StackEndpoints = {
  postgres: { url: 'postgres://127.0.0.1:45432/postgres' },
  kafka: { brokers: ['127.0.0.1:49092'] },
  temporal: { address: '127.0.0.1:47233', namespace: 'default' },
};
const secrets: LocalSecrets = {
  masterKeys: 'k:x',
  matchingKey: 'x',
  codecKeys: 'k:x',
  codecToken: 'x',
  reportingKeys: 'k:x',
};
const ports: SystemPorts = {
  apps: {
    referral: { port: 41001, metricsPort: 41101 },
    training: { port: 41002, metricsPort: 41102 },
    employer: { port: 41003, metricsPort: 41103 },
    ops: { port: 41004, metricsPort: 41104 },
    worker: { port: 41099, metricsPort: 41199 },
  },
  devSignIn: 41014,
};

/** Every port npm start gives a deployable (or the ops sign-in): none may leak into a system. */
const npmStartPorts = [...apps.flatMap((a) => [a.port, a.metricsPort]), 3014];

describe('the deployables of a system on ports of its own', () => {
  const definitions = systemDefinitions(ports);

  it('when every deployable is moved onto free ports, then each listens on its own', () => {
    for (const name of Object.keys(systemAppNames) as (keyof typeof systemAppNames)[])
      expect(definitions[name]).toMatchObject(ports.apps[name]);
  });

  it("when a deployable's env names another deployable, then it names the other's port in this system, never npm start's", () => {
    for (const definition of Object.values(definitions)) {
      const env = definition.env(stack, secrets);
      for (const [variable, value] of Object.entries(env))
        for (const port of npmStartPorts)
          expect(value, `${definition.name} ${variable}`).not.toMatch(new RegExp(`:${port}\\b`));
    }
    expect(definitions.training.env(stack, secrets)).toMatchObject({
      REFERRAL_SERVICE_URL: 'http://127.0.0.1:41001',
    });
    expect(definitions.ops.env(stack, secrets)).toMatchObject({
      PUBLIC_URL: 'http://127.0.0.1:41004',
      DEV_SIGN_IN_PORT: '41014',
    });
  });

  it('when a system is started without demo activity, then no deployable runs its demo step', () => {
    expect(Object.values(definitions).map((d) => d.afterStart)).toEqual(Array(5).fill(undefined));
    expect(systemDefinitions(ports, { demoActivity: true }).referral.afterStart).toBeDefined();
  });
});
