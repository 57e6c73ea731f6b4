import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '@ladder/db';
import { createHttpApp, problem, type HttpApp } from '@ladder/http';
import { createLogger } from '@ladder/logger';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import {
  CredentialStore,
  authPlugin,
  migrateIdentity,
  requireScope,
  scopes,
  type Caller,
} from '../src/index.js';

describe('organisations and credentials', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: CredentialStore;
  let jobCentre: string;
  let otherJobCentre: string;

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    await migrateIdentity(db.url);
    pool = createPool(db.url);
    store = new CredentialStore(pool);
    jobCentre = (
      await store.createOrganisation({ name: 'Luton Jobcentre Plus', kind: 'job-centre' })
    ).id;
    otherJobCentre = (
      await store.createOrganisation({ name: 'Bedford Jobcentre Plus', kind: 'job-centre' })
    ).id;
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('when a key is created, then it authenticates as its organisation with its scopes, and only its hash is stored', async () => {
    const { keyId, apiKey } = await store.createApiKey({
      organisationId: jobCentre,
      scopes: [scopes.referralsRead],
      label: 'crm',
    });
    expect(await store.authenticateApiKey(apiKey)).toMatchObject({
      organisationId: jobCentre,
      organisationKind: 'job-centre',
      scopes: ['referrals:read'],
    });
    const { rows } = await pool.query<{ row: string }>(
      'select row_to_json(k)::text as row from api_keys k where id = $1',
      [keyId],
    );
    expect(rows[0]?.row).not.toContain(apiKey.split('_').slice(2).join('_'));
    expect((await store.listApiKeys(jobCentre)).map((k) => k.keyId)).toContain(keyId);
  });

  it('when a key is rotated, then the new one works and the old one is refused', async () => {
    const old = await store.createApiKey({
      organisationId: jobCentre,
      scopes: [scopes.referralsRead],
    });
    await store.authenticateApiKey(old.apiKey); // cached
    const next = await store.rotateApiKey(old.keyId);
    expect(await store.authenticateApiKey(next.apiKey)).toMatchObject({
      organisationId: jobCentre,
    });
    expect(await store.authenticateApiKey(old.apiKey)).toBeUndefined();
  });

  it('when a key is revoked, then it is refused', async () => {
    const key = await store.createApiKey({
      organisationId: jobCentre,
      scopes: [scopes.referralsRead],
    });
    expect(await store.revokeApiKey(key.keyId)).toBe(true);
    expect(await store.authenticateApiKey(key.apiKey)).toBeUndefined();
  });

  it('when a key is tampered with or made up, then it is refused', async () => {
    const { apiKey } = await store.createApiKey({
      organisationId: jobCentre,
      scopes: [scopes.referralsRead],
    });
    const tampered = `${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`;
    expect(await store.authenticateApiKey(tampered)).toBeUndefined();
    expect(
      await store.authenticateApiKey('ldr_0000000000000000_' + 'x'.repeat(43)),
    ).toBeUndefined();
    expect(await store.authenticateApiKey('hello')).toBeUndefined();
  });

  it('when a scope is not one we know, then the key is not made', async () => {
    await expect(
      store.createApiKey({ organisationId: jobCentre, scopes: ['everything'] }),
    ).rejects.toThrow(/unknown scopes/);
  });

  describe('the Fastify plugin', () => {
    let app: HttpApp;
    let jwksServer: Server;
    let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
    let issuer: string;
    const resourceOwner = new Map<string, string>();

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      signingKey = pair.privateKey;
      const jwk = {
        ...(await exportJWK(pair.publicKey)),
        kid: 'test-key',
        alg: 'RS256',
        use: 'sig',
      };
      jwksServer = createServer((_req, res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
      issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
      await store.registerOAuthClient({
        clientId: 'dwp-crm',
        organisationId: otherJobCentre,
        scopes: [scopes.referralsRead],
      });

      app = await createHttpApp({
        logger: createLogger({ name: 'auth-test', level: 'silent' }),
        title: 't',
        version: '1',
      });
      await app.register(authPlugin, {
        store,
        jwt: { jwksUrl: `${issuer}/jwks.json`, issuer, audience: 'ladder-api' },
      });
      // How a service checks ownership: another organisation's resource is "not found".
      app.get('/things/:id', { preHandler: requireScope(scopes.referralsRead) }, (request) => {
        const { id } = request.params as { id: string };
        const caller = request.caller as Caller;
        if (resourceOwner.get(id) !== caller.organisationId)
          throw problem.notFound('no such thing');
        return { id, caller: caller.organisationId, via: caller.credential.type };
      });
      await app.ready();
      resourceOwner.set('a1', jobCentre);
      resourceOwner.set('b1', otherJobCentre);
    });
    afterAll(async () => {
      await app.close();
      jwksServer.close();
    });

    const token = (
      claims: Record<string, unknown>,
      options: { issuer?: string; audience?: string; expiresIn?: string } = {},
    ) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? 'ladder-api')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(signingKey);
    const get = (id: string, authorization?: string) =>
      app.inject({
        method: 'GET',
        url: `/things/${id}`,
        headers: authorization ? { authorization } : {},
      });

    it('when there are no credentials, then 401 with a Bearer challenge', async () => {
      const response = await get('a1');
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
    });

    it("when the key lacks the route's scope, then 403", async () => {
      const { apiKey } = await store.createApiKey({
        organisationId: jobCentre,
        scopes: [scopes.webhooksManage],
      });
      expect((await get('a1', `Bearer ${apiKey}`)).statusCode).toBe(403);
    });

    it("when the key is good, then the caller is known; another organisation's resource is not found", async () => {
      const { apiKey } = await store.createApiKey({
        organisationId: jobCentre,
        scopes: [scopes.referralsRead],
      });
      expect((await get('a1', `Bearer ${apiKey}`)).json()).toEqual({
        id: 'a1',
        caller: jobCentre,
        via: 'api-key',
      });
      expect((await get('b1', `Bearer ${apiKey}`)).statusCode).toBe(404);
    });

    it('when a registered client presents a valid JWT, then it acts for its organisation with the granted scopes', async () => {
      const jwt = await token({ client_id: 'dwp-crm', scope: 'referrals:read referrals:write' });
      expect((await get('b1', `Bearer ${jwt}`)).json()).toEqual({
        id: 'b1',
        caller: otherJobCentre,
        via: 'jwt',
      });
      expect((await get('a1', `Bearer ${jwt}`)).statusCode).toBe(404);
    });

    it('when the JWT has the wrong issuer or audience, has expired, or names an unknown client, then 401', async () => {
      const bad = [
        await token(
          { client_id: 'dwp-crm', scope: 'referrals:read' },
          { issuer: 'https://evil.example' },
        ),
        await token(
          { client_id: 'dwp-crm', scope: 'referrals:read' },
          { audience: 'someone-else' },
        ),
        await token({ client_id: 'dwp-crm', scope: 'referrals:read' }, { expiresIn: '-1m' }),
        await token({ client_id: 'stranger', scope: 'referrals:read' }),
      ];
      for (const jwt of bad) expect((await get('b1', `Bearer ${jwt}`)).statusCode).toBe(401);
    });
  });
});
