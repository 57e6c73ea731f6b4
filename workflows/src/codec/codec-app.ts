import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { createHttpApp, problem, routes, type HttpApp } from '@ladder/http';
import type { Logger } from '@ladder/logger';
import type { AesGcmCodec } from '@ladder/crypto/payload-codec';
import type { CodecAsk, StaffCheck } from './staff-check.js';

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
  /** Callers presenting it as a bearer token are answered (scripts, the Temporal CLI). */
  token?: string;
  /** Asks who a browser's cookies belong to (an ops admin's session); see staff-check.ts. */
  staffCheck?: StaffCheck;
}

function presents(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from((authorization ?? '').replace(/^Bearer /i, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Who is asking, or a refusal: the token, else the staff session the browser's cookies carry.
 * Nobody is answered anonymously, in any mode.
 */
async function callerOf(
  options: CodecRoutesOptions,
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  ask: CodecAsk,
): Promise<string> {
  if (options.token !== undefined && presents(headers.authorization, options.token))
    return 'codec-token';
  if (options.staffCheck && headers.cookie) {
    const answer = await options.staffCheck(headers.cookie, ask);
    if ('actor' in answer) return answer.actor;
    throw answer.status === 403
      ? problem.forbidden(answer.detail)
      : problem.unauthorized(answer.detail);
  }
  throw problem.unauthorized(
    'the codec endpoint needs its token, or a signed-in ops admin (tick "include cross-origin credentials" in the Web UI)',
  );
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
          const count = request.body.payloads.length;
          const caller = await callerOf(options, request.headers, { direction, payloads: count });
          // Who asked, for every call (ids only); admins' decodes are in the ops audit log too.
          request.log.info(
            { caller, direction, payloads: count },
            `journey payloads: ${direction}`,
          );
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
 * UI's origin may call it from a browser, and only callers with the token or an ops admin's
 * session are answered: without either configured it refuses to be built.
 */
export async function buildCodecApp(
  options: CodecRoutesOptions & { logger: Logger; isReady?: () => Promise<boolean> },
): Promise<HttpApp> {
  if (options.token === undefined && options.staffCheck === undefined)
    throw new Error('the codec endpoint needs CODEC_TOKEN or CODEC_STAFF_CHECK_URL (or both)');
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
    ...(options.staffCheck === undefined ? {} : { staffCheck: options.staffCheck }),
  });
  return app;
}
