import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import type { DemoStaffMember } from './demo-staff.js';

export interface DevProviderOptions {
  /** The provider's own address, e.g. http://127.0.0.1:3014 */
  issuer: string;
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  staff: readonly DemoStaffMember[];
}

/**
 * A standards-complete OpenID Connect provider for local development only: its sign-in page takes
 * a demo staff member's login (any password) and issues an ID token with their organisation and
 * role, as NHS CIS2 or Entra ID would through their own claims. The ops service's relying party
 * code is the same for both; only the issuer and claim names differ by configuration.
 */
export function createDevProvider(options: DevProviderOptions): Provider {
  const byLogin = new Map(options.staff.map((s) => [s.login, s]));
  return new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'ladder'],
    claims: { openid: ['sub'], profile: ['name'], ladder: ['ladder_organisation', 'ladder_role'] },
    // The organisation and role go in the ID token itself: the service needs no userinfo call.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('base64')] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, sub) => {
      const member = byLogin.get(sub);
      if (!member) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: member.name,
          ladder_organisation: member.organisationId,
          ladder_role: member.role,
        }),
      };
    },
  });
}
