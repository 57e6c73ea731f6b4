import type {
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { problem } from '@ladder/http';
import type { CredentialStore } from './credential-store.js';
import type { Caller } from './model.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin when the request carried valid credentials. */
    caller?: Caller;
  }
}

export interface AuthPluginOptions {
  store: CredentialStore;
  /** Accept OAuth2 access tokens (JWTs) from an identity provider as well as API keys. */
  jwt?: { jwksUrl: string; issuer: string; audience: string };
}

const challenge = (reply: FastifyReply): void =>
  void reply.header('www-authenticate', 'Bearer realm="ladder"');

/**
 * Authenticates each request (an `onRequest` hook, before rate limits and validation) from
 * `Authorization: Bearer <API key or JWT>`. No header leaves `request.caller` unset (routes then
 * refuse with 401); a header that does not verify is refused at once. Tokens are never logged.
 */
const plugin: FastifyPluginAsync<AuthPluginOptions> = (app, options) => {
  const jwks = options.jwt ? createRemoteJWKSet(new URL(options.jwt.jwksUrl)) : undefined;

  const verify = async (token: string): Promise<Caller | undefined> => {
    if (token.startsWith('ldr_')) return options.store.authenticateApiKey(token);
    if (!jwks || !options.jwt) return undefined;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.jwt.issuer,
        audience: options.jwt.audience,
      });
      return await options.store.callerForJwtClaims(payload);
    } catch {
      return undefined;
    }
  };

  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const [scheme, token] = header.split(' ');
    const caller = scheme?.toLowerCase() === 'bearer' && token ? await verify(token) : undefined;
    if (!caller) {
      challenge(reply);
      throw problem.unauthorized('the credentials are not valid, have expired or were revoked');
    }
    request.caller = caller;
  });
  return Promise.resolve();
};

export const authPlugin = fp(plugin, { name: 'ladder-auth', fastify: '5.x' });

/** A route's declaration of the scope it needs: 401 without credentials, 403 without the scope. */
export function requireScope(scope: string): preHandlerAsyncHookHandler {
  return function checkScope(request, reply) {
    if (!request.caller) {
      challenge(reply);
      return Promise.reject(
        problem.unauthorized('send an API key or access token: Authorization: Bearer <token>'),
      );
    }
    if (!request.caller.scopes.includes(scope))
      return Promise.reject(problem.forbidden(`this route needs the scope ${scope}`));
    return Promise.resolve();
  };
}
