import * as oidc from 'openid-client';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  /** A confidential client's secret (CIS2, Entra ID); none for a public client with PKCE. */
  clientSecret?: string | undefined;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scope: string;
  /** Only for a development provider on http://127.0.0.1. */
  allowHttp: boolean;
}

/** The claims the service reads from the ID token. */
export type IdTokenClaims = Record<string, unknown> & { sub: string };

/**
 * The ops service as an OpenID Connect relying party: authorization code flow with PKCE (S256),
 * state and nonce. The issuer's metadata is discovered on first use and kept.
 */
export class RelyingParty {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(private readonly options: RelyingPartyOptions) {}

  private configuration(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, allowHttp } = this.options;
    this.config ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        undefined,
        clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
        allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.config = undefined; // try discovery again next time
        throw error;
      });
    return this.config;
  }

  /** Where to send the browser, and what the callback will need. */
  async begin(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: this.options.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the callback's code for tokens and returns the verified ID token's claims. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<IdTokenClaims> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    return claims;
  }

  /** The provider's sign-out address, when it has one. */
  async signOutUrl(): Promise<string | undefined> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, {
      client_id: this.options.clientId,
      post_logout_redirect_uri: this.options.postLogoutRedirectUri,
    }).href;
  }
}
