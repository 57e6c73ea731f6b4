import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The tracing of one process: on, with where its spans go, or off (no exporter configured). */
export interface Tracing {
  enabled: boolean;
  /** Where every span of the process goes; Temporal's workflow spans are handed to it too. */
  spanProcessor?: SpanProcessor;
  serviceName: string;
  /** Sends what is buffered and stops; safe to call when tracing is off. */
  shutdown(): Promise<void>;
}

let current: Tracing | undefined;

/** Whether the standard OpenTelemetry env names somewhere to send traces. */
function exporterConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts OpenTelemetry for this process, once: traces go by OTLP (protobuf over HTTP) to
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (Jaeger under `npm start`), named by `OTEL_SERVICE_NAME` or the
 * service's own name. With no endpoint set, tracing stays off and costs nothing. Tests pass their
 * own span processor (an in-memory exporter) instead of the env.
 */
export function startTracing(options: {
  serviceName: string;
  spanProcessor?: SpanProcessor;
  env?: NodeJS.ProcessEnv;
}): Tracing {
  if (current) return current;
  const env = options.env ?? process.env;
  const serviceName = env.OTEL_SERVICE_NAME ?? options.serviceName;
  const spanProcessor =
    options.spanProcessor ??
    (exporterConfigured(env) ? new BatchSpanProcessor(new OTLPTraceExporter()) : undefined);
  if (!spanProcessor) {
    current = { enabled: false, serviceName, shutdown: () => Promise.resolve() };
    return current;
  }
  // No automatic instrumentations: HTTP spans come from @fastify/otel, event and Temporal spans
  // from this package, so nothing depends on module-loading hooks.
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [spanProcessor],
    instrumentations: [],
  });
  sdk.start();
  const started: Tracing = {
    enabled: true,
    spanProcessor,
    serviceName,
    async shutdown() {
      current = undefined;
      await sdk.shutdown();
      trace.disable();
    },
  };
  current = started;
  return started;
}

/** The process's tracing, if started (off otherwise). */
export const currentTracing = (): Tracing | undefined => current;
