import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../processes.js';
import { startThrowawayStack, type ThrowawayStack } from '../stack.js';

interface JaegerTraces {
  data: {
    traceID: string;
    spans: { spanID: string; operationName: string; processID: string }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

/** One finished span in OTLP/JSON, as an OpenTelemetry SDK's HTTP exporter sends it. */
function otlpSpan(serviceName: string, traceId: string, spanId: string): unknown {
  const startNs = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'jaeger-int-test' },
            spans: [
              {
                traceId,
                spanId,
                name: 'referral.accepted',
                kind: 2,
                startTimeUnixNano: String(startNs),
                endTimeUnixNano: String(startNs + 5_000_000n),
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('Jaeger from the cache', () => {
  let stack: ThrowawayStack;
  let jaeger: NonNullable<ThrowawayStack['endpoints']['jaeger']>;

  beforeAll(async () => {
    stack = await startThrowawayStack(['jaeger']);
    jaeger = stack.endpoints.jaeger!;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('when a span is sent over OTLP/HTTP to 127.0.0.1, then the query API finds it under its service', async () => {
    expect(new URL(jaeger.otlpHttpUrl).hostname).toBe('127.0.0.1');
    const serviceName = `jaeger-int-${randomBytes(4).toString('hex')}`;
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');

    const sent = await fetch(`${jaeger.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(otlpSpan(serviceName, traceId, spanId)),
    });
    expect(sent.status).toBe(200);

    // The Collector batches before it stores: ask until the trace is there.
    let found: JaegerTraces['data'] = [];
    await waitUntil(
      'the span in Jaeger',
      async () => {
        const response = await fetch(
          `${jaeger.uiUrl}/api/traces?service=${encodeURIComponent(serviceName)}`,
        );
        found = ((await response.json()) as JaegerTraces).data;
        return found.length > 0;
      },
      { timeoutMs: 20_000 },
    );

    expect(found).toHaveLength(1);
    const [trace] = found;
    expect(trace!.traceID).toBe(traceId);
    expect(trace!.spans).toEqual([
      expect.objectContaining({ spanID: spanId, operationName: 'referral.accepted' }),
    ]);
    expect(trace!.processes[trace!.spans[0]!.processID]!.serviceName).toBe(serviceName);
  });

  it('when a service has sent nothing, then the query API returns no trace for it', async () => {
    const response = await fetch(`${jaeger.uiUrl}/api/traces?service=nobody-sent-this`);
    expect(response.ok).toBe(true);
    expect(((await response.json()) as JaegerTraces).data).toEqual([]);
  });
});
