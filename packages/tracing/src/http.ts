import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';

/** Probes and scrapes: they would fill every trace store and say nothing. */
const untraced = new Set(['/health', '/ready', '/metrics']);

/**
 * A server span for every request (continuing a caller's traceparent), named by its route:
 * `@fastify/otel` registered as a plugin, so no module-loading hook is needed. It uses the global
 * tracer provider, so with tracing off it records nothing.
 */
export function httpTracingPlugin(): FastifyPluginCallback {
  const instrumentation = new FastifyOtelInstrumentation({
    ignorePaths: ({ url }) => untraced.has(url),
    // Its hook spans would be most of every trace; the request and handler spans say enough.
    instrumentHooks: false,
  });
  return instrumentation.plugin();
}
