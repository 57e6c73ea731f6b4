import { describe, expect, it } from 'vitest';
import fp from 'fastify-plugin';
import { createLogger } from '@ladder/logger';
import { createHttpApp } from './create-http-app.js';
import { routes } from './routes.js';

const logger = createLogger({ name: 'routes-test', level: 'silent' });

// A shared plugin, as @ladder/auth's is: named, and lifting its decorator to the parent.
const sharedPlugin = fp(
  (app, _options, done) => {
    app.decorateRequest('caller', undefined);
    done();
  },
  { name: 'test-shared', fastify: '5.x' },
);

const thingRoutes = routes<{ answer: string }>(
  { name: 'thing-routes', dependencies: ['test-shared'], decorators: { request: ['caller'] } },
  (app, options) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('x-inside', 'yes');
      return payload;
    });
    app.get('/things', () => ({ answer: options.answer }));
  },
);

describe('routes()', () => {
  it('when its dependencies are registered first, then its routes answer with its options', async () => {
    const app = await createHttpApp({ logger, title: 't', version: '1' });
    await app.register(sharedPlugin);
    await app.register(thingRoutes, { answer: '42' });
    const response = await app.inject({ method: 'GET', url: '/things' });
    expect(response.json()).toEqual({ answer: '42' });
    await app.close();
  });

  it('when a dependency is missing, then registering fails naming it', async () => {
    const app = await createHttpApp({ logger, title: 't', version: '1' });
    await expect(app.register(thingRoutes, { answer: '42' })).rejects.toThrow(/test-shared|caller/);
  });

  it('when its hooks run, then they stay inside it (the plugin is encapsulated)', async () => {
    const app = await createHttpApp({ logger, title: 't', version: '1' });
    await app.register(sharedPlugin);
    await app.register(thingRoutes, { answer: '42' });
    app.get('/outside', () => ({ ok: true }));
    expect((await app.inject({ method: 'GET', url: '/things' })).headers['x-inside']).toBe('yes');
    expect(
      (await app.inject({ method: 'GET', url: '/outside' })).headers['x-inside'],
    ).toBeUndefined();
    await app.close();
  });
});
