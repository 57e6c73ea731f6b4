import { describe, expect, it } from 'vitest';
import { createLogger } from '@ladder/logger';
import { BackboneMetrics } from '@ladder/kafka';
import { buildMetricsServer } from './metrics-server.js';

describe('the metrics server', () => {
  it('when /metrics is scraped, then it answers the registry in Prometheus text format', async () => {
    const metrics = new BackboneMetrics();
    metrics.outboxPublished.inc(3);
    const app = buildMetricsServer({
      registry: metrics.registry,
      logger: createLogger({ name: 'metrics-test', level: 'silent' }),
    });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('ladder_outbox_published_total 3');
    expect((await app.inject({ method: 'GET', url: '/v1/referrals' })).statusCode).toBe(404);
    await app.close();
  });
});
