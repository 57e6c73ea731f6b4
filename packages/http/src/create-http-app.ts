import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import Fastify, {
  type FastifyInstance,
  type FastifyBaseLogger,
  type RawServerDefault,
  type RawRequestDefaultExpression,
  type RawReplyDefaultExpression,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { lazyChild, type Logger } from '@ladder/logger';
import { currentTracing, httpTracingPlugin } from '@ladder/tracing';
import { installErrorHandlers } from './error-handler.js';
import { describeStandardResponses, type OpenApiDocument } from './openapi-responses.js';

/** A Fastify instance whose routes take zod schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpAppOptions {
  logger: Logger;
  title: string;
  version: string;
  description?: string;
  /** Default 1 MiB; a route may set its own `bodyLimit`. */
  bodyLimitBytes?: number;
  /** Per organisation (the authenticated caller), else per client address. Default 600 a minute. */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Readiness: are the service's own dependencies reachable? */
  isReady?: () => Promise<boolean>;
}

const operational = new Set(['/health', '/ready']);

/**
 * The base every service's buildApp() starts from: zod validation and serialisation, problem+json
 * errors, security headers, per-organisation rate limits, OpenAPI 3.1 at /docs/json with Swagger UI
 * at /docs, `Cache-Control: no-store` (answers may hold personal data), /health and /ready, and
 * `Connection: close` on answers sent while closing (so a graceful close is not held up by keep-alive).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  // Typed as Fastify's base logger so that routes and plugins see the usual logger type.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    // Each request's logger is made when it first writes at a level written: making one passes
    // its request id through the redaction, which costs more than routing the request. At warn
    // most requests never write; at info Fastify writes two lines a request, so it is made.
    childLoggerFactory: (logger, bindings, childOptions) =>
      lazyChild(logger as Logger, bindings, childOptions),
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  // Built once: helmet works out its headers from the options on each call, and @fastify/helmet
  // calls it for every request (about 4% of a referral submission's CPU, measured).
  const securityHeaders = helmet({
    // Swagger UI needs inline styles and scripts of its own; everything else is JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  // First, so every route and hook after it runs inside the request's span. Only where the
  // process's tracing is on (started before the app is built, as runService does): with it off the
  // plugin recorded nothing but still ran its hooks on every request (about 4 us each, measured).
  if (currentTracing()?.enabled) await app.register(httpTracingPlugin());
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, () => done());
  });
  await app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindowMs ?? 60_000,
    // After authentication (an onRequest hook), so the limit is per organisation.
    hook: 'preHandler',
    keyGenerator: (request) =>
      (request as { caller?: { organisationId?: string } }).caller?.organisationId ?? request.ip,
    allowList: (request) => operational.has(request.url),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Rate limit of ${context.max} requests per ${context.after} reached; retry later`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version,
        ...(options.description ? { description: options.description } : {}),
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key (ldr_...) or an OAuth2 access token',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documents) =>
      describeStandardResponses(
        ('openapiObject' in documents ? documents.openapiObject : {}) as OpenApiDocument,
      ),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Once the app is closing, answers end their connection: a keep-alive connection that is busy
  // when close() begins would otherwise stay open after its answer, and close() would wait for
  // the client to drop it (Fastify's keep-alive timeout is 72 s).
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    if (closing) void reply.header('connection', 'close');
    return payload;
  });

  app.get('/health', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const ready = await (options.isReady ?? (() => Promise.resolve(true)))().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  return app;
}
