import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { createHttpApp, problem, routes, type HttpApp } from '@ladder/http';
import type { Logger } from '@ladder/logger';
import type { AesGcmCodec } from '@ladder/crypto/payload-codec';

// The Temporal Web UI's codec protocol: payloads as JSON with base64 metadata and data.
const wirePayload = z.object({
  metadata: z.record(z.string(), z.string()).optional(),
  data: z.string().optional(),
});
const payloadsBody = z.object({ payloads: z.array(wirePayload) });
const payloadsAnswer = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })),
});

const toPayload = (p: z.infer<typeof wirePayload>): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  ...(p.data === undefined ? {} : { data: Buffer.from(p.data, 'base64') }),
});
const fromPayload = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export interface CodecRoutesOptions {
  codec: AesGcmCodec;
  /** The Web UI's origin, the only one a browser may call from. */
  allowedOrigin: string;
  /** When set, only callers presenting it as a bearer token are answered. */
  token?: string;
}

function presents(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from((authorization ?? '').replace(/^Bearer /i, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `POST /encode` and `POST /decode`, with CORS for the Web UI and the token check inside. */
export const codecRoutes = routes<CodecRoutesOptions>(
  { name: 'codec-routes' },
  async (app, options) => {
    await app.register(cors, {
      origin: options.allowedOrigin,
      methods: ['POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-namespace'],
      credentials: true,
    });
    const token = options.token;
    if (token !== undefined)
      app.addHook('onRequest', (request, _reply, done) => {
        if (request.method === 'OPTIONS' || presents(request.headers.authorization, token)) done();
        else done(problem.unauthorized('the codec endpoint needs its token'));
      });
    for (const [path, direction] of [
      ['/encode', 'encode'],
      ['/decode', 'decode'],
    ] as const)
      app.post(
        path,
        {
          schema: {
            summary: `${direction === 'encode' ? 'Encrypt' : 'Decrypt'} Temporal payloads (the Web UI's codec protocol)`,
            body: payloadsBody,
            response: { 200: payloadsAnswer },
          },
        },
        async (request) => {
          const payloads = request.body.payloads.map(toPayload);
          const result = await options.codec[direction](payloads);
          return { payloads: result.map(fromPayload) };
        },
      );
  },
);

/**
 * The codec endpoint the Temporal Web UI calls to show journey payloads to staff, on the shared
 * HTTP base (problem+json errors, security headers, rate limits, /health and /ready). Only the
 * UI's origin may call it from a browser; with a token configured, only callers presenting it.
 */
export async function buildCodecApp(
  options: CodecRoutesOptions & { logger: Logger; isReady?: () => Promise<boolean> },
): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: options.logger,
    title: 'Ladder journey codec',
    version: '1.0.0',
    description: 'Encrypts and decrypts journey payloads for the Temporal Web UI.',
    // A page of the Web UI decodes each event of a history: more calls than an API client makes.
    rateLimit: { max: 6_000, timeWindowMs: 60_000 },
    bodyLimitBytes: 4 * 1024 * 1024,
    ...(options.isReady ? { isReady: options.isReady } : {}),
  });
  await app.register(codecRoutes, {
    codec: options.codec,
    allowedOrigin: options.allowedOrigin,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  return app;
}
