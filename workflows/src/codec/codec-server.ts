import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import type { Logger } from '@ladder/logger';
import type { AesGcmCodec } from './aes-gcm-codec.js';

// The Temporal Web UI's codec protocol: payloads as JSON with base64 metadata and data.
const payloadsBody = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).optional(),
      data: z.string().optional(),
    }),
  ),
});

const toPayload = (p: z.infer<typeof payloadsBody>['payloads'][number]): Payload => ({
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

/**
 * The codec endpoint the Temporal Web UI calls to show payloads to staff. Only the UI's origin may
 * call it from a browser; with a token configured, only callers presenting it are answered.
 */
export async function buildCodecServer(options: {
  codec: AesGcmCodec;
  logger: Logger;
  allowedOrigin: string;
  token?: string;
}): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({ loggerInstance });
  await app.register(cors, {
    origin: options.allowedOrigin,
    methods: ['POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-namespace'],
    credentials: true,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (options.token === undefined || request.method === 'OPTIONS') return;
    const given = Buffer.from((request.headers.authorization ?? '').replace(/^Bearer /i, ''));
    const expected = Buffer.from(options.token);
    // Returning the reply is how an async hook stops the request (Fastify's documented form).
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reply.code(401).send({ error: 'unauthorised' });
  });
  const route = (path: '/encode' | '/decode') =>
    app.post(path, async (request, reply) => {
      const parsed = payloadsBody.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send({ error: 'expected { payloads: [...] }' });
      const payloads = parsed.data.payloads.map(toPayload);
      const result =
        path === '/encode'
          ? await options.codec.encode(payloads)
          : await options.codec.decode(payloads);
      return reply.header('cache-control', 'no-store').send({ payloads: result.map(fromPayload) });
    });
  route('/encode');
  route('/decode');
  return app;
}
