import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import type { Config } from '../../../config.js';
import {
  normaliseEmail,
  type OAuthProviderClient,
  type OAuthRound,
  type ProviderProfile,
} from './oauth-provider.js';

type MojeIdSettings = NonNullable<Config['mojeId']>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * MojeID through OpenID Connect (openid-client): authorization code flow with PKCE (S256),
 * `state` and `nonce`, asking for nothing but the e-mail address (`openid email`). The issuer's
 * metadata is discovered once and kept for the life of the process.
 */
export class MojeIdProvider implements OAuthProviderClient {
  readonly name = 'mojeid' as const;
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: MojeIdSettings,
    private readonly callbackUrl: string,
  ) {}

  newRound(link: boolean): OAuthRound {
    return {
      provider: this.name,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      link,
    };
  }

  async redirect(_req: Request, res: Response, round: OAuthRound): Promise<void> {
    const configuration = await this.configuration();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl,
      response_type: 'code',
      scope: 'openid email',
      state: round.state,
      nonce: round.nonce!,
      code_challenge: await oidc.calculatePKCECodeChallenge(round.codeVerifier!),
      code_challenge_method: 'S256',
    });
    res.redirect(302, url.href);
  }

  async complete(req: Request, _res: Response, round: OAuthRound): Promise<ProviderProfile> {
    const configuration = await this.configuration();
    // Our registered callback URL with the query the provider sent; never the Host header.
    const currentUrl = new URL(this.callbackUrl);
    currentUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: round.codeVerifier!,
      expectedState: round.state,
      expectedNonce: round.nonce!,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('MojeID returned no ID token');
    // The e-mail claims may come in the ID token or only from the UserInfo endpoint.
    const source: Record<string, unknown> =
      claims.email === undefined
        ? await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
        : claims;
    return {
      subject: claims.sub,
      email: normaliseEmail(source.email),
      emailVerified: source.email_verified === true || source.email_verified === 'true',
    };
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      // Do not keep a failure: the next login tries the discovery again.
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain HTTP only for a local test issuer; anything else must be HTTPS.
    const insecureLocal = issuer.protocol === 'http:' && LOCAL_HOSTS.has(issuer.hostname);
    return oidc.discovery(
      issuer,
      this.settings.clientId,
      { client_secret: this.settings.clientSecret },
      oidc.ClientSecretBasic(this.settings.clientSecret),
      insecureLocal ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }
}
