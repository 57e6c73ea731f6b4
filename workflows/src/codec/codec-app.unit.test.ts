import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '@ladder/http';
import { defaultPayloadConverter } from '@temporalio/common';
import { parseKeyRing } from '@ladder/crypto';
import { createLogger } from '@ladder/logger';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import { buildCodecApp } from './codec-app.js';
import type { CodecAsk, StaffCheck } from './staff-check.js';

const uiOrigin = 'http://127.0.0.1:58233';
const token = 'a-token-of-at-least-16-chars';
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('the codec endpoint for the Temporal Web UI', () => {
  const codec = new AesGcmCodec(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`));
  let app: HttpApp;

  beforeAll(async () => {
    app = await buildCodecApp({
      codec,
      logger: createLogger({ name: 'codec-test', level: 'silent' }),
      allowedOrigin: uiOrigin,
      token,
    });
  });
  afterAll(() => app.close());

  const encrypted = async () => {
    const [payload] = await codec.encode([defaultPayloadConverter.toPayload({ reasonCode: 'x' })]);
    return {
      metadata: Object.fromEntries(Object.entries(payload!.metadata!).map(([k, v]) => [k, b64(v)])),
      data: b64(payload!.data!),
    };
  };

  it('when the UI sends encrypted payloads with the token, then it gets them back readable', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/decode',
      headers: { authorization: `Bearer ${token}`, origin: uiOrigin },
      payload: { payloads: [await encrypted()] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(response.headers['cache-control']).toBe('no-store');
    const [decoded] = response.json<{ payloads: { data: string }[] }>().payloads;
    expect(JSON.parse(Buffer.from(decoded!.data, 'base64').toString())).toEqual({
      reasonCode: 'x',
    });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-at-all-xx' }],
  ])('when a caller sends %s, then it is refused and learns nothing', async (_, headers) => {
    const response = await app.inject({
      method: 'POST',
      url: '/decode',
      headers,
      payload: { payloads: [await encrypted()] },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain('reasonCode');
  });

  it("when a browser asks from the UI's origin, then the preflight allows it, and from another origin it does not", async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/decode',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization,x-namespace',
        },
      });
    expect((await preflight(uiOrigin)).headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(
      (await preflight('https://evil.example')).headers['access-control-allow-origin'],
    ).not.toBe('https://evil.example');
  });

  it('when a browser brings an ops admin session, then the staff check names the caller and it is answered', async () => {
    const asked: { cookie: string; ask: CodecAsk }[] = [];
    const staffCheck: StaffCheck = (cookie, ask) => {
      asked.push({ cookie, ask });
      return Promise.resolve(
        cookie.includes('ops_session=admin')
          ? { actor: 'staff:ada' }
          : { status: 403 as const, detail: 'admins only' },
      );
    };
    const withStaff = await buildCodecApp({
      codec,
      logger: createLogger({ name: 'codec-test', level: 'silent' }),
      allowedOrigin: uiOrigin,
      staffCheck,
    });
    try {
      const decode = async (cookie: string) =>
        withStaff.inject({
          method: 'POST',
          url: '/decode',
          headers: { cookie, origin: uiOrigin },
          payload: { payloads: [await encrypted()] },
        });
      const admin = await decode('ops_session=admin-token');
      expect(admin.statusCode).toBe(200);
      expect(asked[0]).toEqual({
        cookie: 'ops_session=admin-token',
        ask: { direction: 'decode', payloads: 1 },
      });
      const caseworker = await decode('ops_session=caseworker-token');
      expect(caseworker.statusCode).toBe(403);
      expect(caseworker.body).not.toContain('reasonCode');
      const nobody = await withStaff.inject({
        method: 'POST',
        url: '/decode',
        payload: { payloads: [await encrypted()] },
      });
      expect(nobody.statusCode).toBe(401);
      expect(asked).toHaveLength(2);
    } finally {
      await withStaff.close();
    }
  });

  it('when neither a token nor a staff check is configured, then the endpoint refuses to be built', async () => {
    await expect(
      buildCodecApp({
        codec,
        logger: createLogger({ name: 'codec-test', level: 'silent' }),
        allowedOrigin: uiOrigin,
      }),
    ).rejects.toThrow(/CODEC_TOKEN or CODEC_STAFF_CHECK_URL/);
  });

  it('when the body is not a list of payloads, then the answer is a 400 problem naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/decode',
      headers: { authorization: `Bearer ${token}` },
      payload: { nope: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'body.payloads',
    ]);
  });

  it('when a payload is encoded through the endpoint, then only the codec can read it back', async () => {
    const plain = defaultPayloadConverter.toPayload({ reasonCode: 'y' });
    const response = await app.inject({
      method: 'POST',
      url: '/encode',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        payloads: [
          {
            metadata: Object.fromEntries(
              Object.entries(plain.metadata!).map(([k, v]) => [k, b64(v)]),
            ),
            data: b64(plain.data!),
          },
        ],
      },
    });
    const [sealed] = response.json<{ payloads: { data: string }[] }>().payloads;
    expect(Buffer.from(sealed!.data, 'base64').toString('latin1')).not.toContain('reasonCode');
  });
});
