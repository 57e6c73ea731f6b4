import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '@ladder/logger';

/**
 * `GET /metrics` in Prometheus's text format, on a listener of its own (METRICS_HOST and
 * METRICS_PORT), apart from the public API: metrics name internals (topics, consumer groups,
 * backlogs) that callers of the API have no business seeing.
 */
export function buildMetricsServer(options: {
  registry: Registry;
  logger: Logger;
}): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = options.logger.child({ component: 'metrics' });
  // A scrape every few seconds would fill the logs.
  const app = Fastify({ loggerInstance, disableRequestLogging: true });
  app.get('/metrics', async (_request, reply) =>
    reply
      .type(options.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await options.registry.metrics()),
  );
  return app;
}
