import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '@ladder/logger';
import { createHttpApp, problem, type HttpApp } from './index.js';

async function app(
  options: {
    rateLimit?: { max: number; timeWindowMs: number };
    ready?: boolean;
    bodyLimitBytes?: number;
  } = {},
): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: createLogger({ name: 'http-test', level: 'silent' }),
    title: 'Test API',
    version: '1.0.0',
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    isReady: () => Promise.resolve(options.ready ?? true),
  });
  // Stands in for the auth plugin: the caller's organisation comes from a header here.
  app.addHook('onRequest', (request, _reply, done) => {
    const org = request.headers['x-test-org'];
    if (typeof org === 'string')
      (request as { caller?: { organisationId: string } }).caller = { organisationId: org };
    done();
  });
  app.post(
    '/things',
    {
      schema: {
        body: z.object({
          person: z.object({ name: z.string().min(1), dateOfBirth: z.iso.date() }),
        }),
        response: { 201: z.object({ ok: z.boolean() }) },
      },
    },
    async (_request, reply) => reply.code(201).send({ ok: true }),
  );
  app.get('/conflict', () => {
    throw problem.conflict('already there', { code: 'thing-exists' });
  });
  app.get('/boom', () => {
    throw new Error('connection string postgres://secret@db leaked?');
  });
  await app.ready();
  return app;
}

describe('createHttpApp', () => {
  it('when the body is invalid, then 400 problem+json names each bad field and not its value', async () => {
    const a = await app();
    const response = await a.inject({
      method: 'POST',
      url: '/things',
      payload: { person: { name: '', dateOfBirth: 'QQ123456C' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json<{ errors: { field: string }[] }>();
    expect(body.errors.map((e) => e.field).sort()).toEqual([
      'body.person.dateOfBirth',
      'body.person.name',
    ]);
    expect(response.body).not.toContain('QQ123456C');
  });

  it('when a route throws a problem, then its status, type and extras are answered', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      type: 'https://ladder.invalid/problems/conflict',
      status: 409,
      detail: 'already there',
      code: 'thing-exists',
    });
  });

  it('when something unexpected fails, then 500 says nothing of the cause', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/postgres|secret|Error|at /);
  });

  it('when the route does not exist, then 404 problem+json', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('when one organisation goes over its rate limit, then it gets 429 with Retry-After and another does not', async () => {
    const a = await app({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const call = (org: string) =>
      a.inject({ method: 'GET', url: '/conflict', headers: { 'x-test-org': org } });
    await call('org-a');
    await call('org-a');
    const limited = await call('org-a');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect((await call('org-b')).statusCode).toBe(409);
  });

  it('when the body is over the limit, then 413 problem+json', async () => {
    const a = await app({ bodyLimitBytes: 100 });
    const response = await a.inject({
      method: 'POST',
      url: '/things',
      payload: { person: { name: 'x'.repeat(500), dateOfBirth: '2000-01-01' } },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('when any response is sent, then it has security headers and Cache-Control: no-store', async () => {
    const response = await (
      await app()
    ).inject({
      method: 'POST',
      url: '/things',
      payload: { person: { name: 'A', dateOfBirth: '2000-01-01' } },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const notFound = await (await app()).inject({ method: 'GET', url: '/nowhere' });
    expect(notFound.headers['x-content-type-options']).toBe('nosniff');
    expect(notFound.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('when /docs/json is read, then it is OpenAPI 3.1 describing the routes', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/docs/json' });
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toContain('/things');
    expect(Object.keys(doc.paths)).not.toContain('/health');
  });

  it('when an answer is sent while the app is closing, then it closes its connection', async () => {
    const a = await createHttpApp({
      logger: createLogger({ name: 'http-test', level: 'silent' }),
      title: 'Test API',
      version: '1.0.0',
    });
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    a.get('/slow', async () => {
      await answered;
      return { ok: true };
    });
    let closingStarted = (): void => undefined;
    const closing = new Promise<void>((resolve) => (closingStarted = resolve));
    // Registered after createHttpApp's own, so it runs after the app knows it is closing.
    a.addHook('preClose', (done) => {
      closingStarted();
      done();
    });
    await a.ready();

    expect((await a.inject({ method: 'GET', url: '/health' })).headers.connection).not.toBe(
      'close',
    );
    const inFlight = a.inject({ method: 'GET', url: '/slow' });
    const closed = a.close();
    await closing;
    answer();
    const response = await inFlight;
    expect(response.statusCode).toBe(200);
    expect(response.headers.connection).toBe('close');
    await closed;
  });

  it('when not ready, then /ready is 503 while /health stays 200', async () => {
    const a = await app({ ready: false });
    expect((await a.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);
    expect((await a.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
