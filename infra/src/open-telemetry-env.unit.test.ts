import { describe, expect, it } from 'vitest';
import { apps, openTelemetryEnv } from './apps.js';
import type { StackEndpoints } from './stack.js';

const coreServers: StackEndpoints = {
  postgres: { url: 'postgres://127.0.0.1:55432/postgres' },
  kafka: { brokers: ['127.0.0.1:59092'] },
  temporal: { address: '127.0.0.1:57233', namespace: 'default' },
};

describe('the OpenTelemetry env of each deployable', () => {
  it('when the stack runs Jaeger, then every deployable exports to its OTLP/HTTP receiver under its own name', () => {
    const stack: StackEndpoints = {
      ...coreServers,
      jaeger: {
        otlpHttpUrl: 'http://127.0.0.1:54318',
        otlpGrpcAddress: '127.0.0.1:54317',
        uiUrl: 'http://127.0.0.1:56686',
      },
    };
    for (const app of apps) {
      expect(openTelemetryEnv(app.name, stack)).toEqual({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:54318',
        OTEL_SERVICE_NAME: app.name,
      });
    }
  });

  it('when the stack has no Jaeger, then no deployable is told to export traces', () => {
    expect(openTelemetryEnv('referral-service', coreServers)).toEqual({});
  });
});
