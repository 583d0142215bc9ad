import type { Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as FacebookStrategy, type Profile } from 'passport-facebook';
import { randomState } from 'openid-client';
import type { Config } from '../../../config.js';
import {
  normaliseEmail,
  type OAuthProviderClient,
  type OAuthRound,
  type ProviderProfile,
} from './oauth-provider.js';

type FacebookSettings = NonNullable<Config['facebook']>;

type StrategyOutcome =
  { kind: 'redirected' } | { kind: 'success'; profile: ProviderProfile } | { kind: 'failed'; info: unknown };

/**
 * Facebook Login through passport-facebook. The strategy lives in a private Passport instance and
 * runs without passport sessions: we create and check `state` ourselves (in `req.session.oauth`,
 * like MojeID), then let the strategy build the dialog URL, exchange the code and fetch the
 * profile with `appsecret_proof`.
 */
export class FacebookProvider implements OAuthProviderClient {
  readonly name = 'facebook' as const;
  private readonly passport = new passport.Passport();

  constructor(settings: FacebookSettings, callbackUrl: string) {
    this.passport.use(
      'facebook',
      new FacebookStrategy(
        {
          clientID: settings.appId,
          clientSecret: settings.appSecret,
          callbackURL: callbackUrl,
          graphAPIVersion: settings.graphApiVersion,
          authorizationURL: settings.authorizationUrl,
          tokenURL: settings.tokenUrl,
          profileURL: settings.profileUrl,
          enableProof: true,
          profileFields: ['id', 'email'],
          scope: ['email'],
        },
        (
          _accessToken: string,
          _refreshToken: string,
          profile: Profile,
          done: (error: unknown, user?: ProviderProfile) => void,
        ) => {
          done(null, toProviderProfile(profile));
        },
      ),
    );
  }

  newRound(link: boolean): OAuthRound {
    return { provider: this.name, state: randomState(), link };
  }

  async redirect(req: Request, res: Response, round: OAuthRound): Promise<void> {
    const outcome = await this.run(req, res, { session: false, state: round.state });
    if (outcome.kind !== 'redirected')
      throw new Error('passport-facebook did not redirect to the login dialog');
  }

  async complete(req: Request, res: Response): Promise<ProviderProfile> {
    // Without a code the strategy would start a new login instead of finishing this one.
    if (typeof req.query.code !== 'string' || req.query.code === '') {
      throw new Error('the Facebook callback carries no authorization code');
    }
    const outcome = await this.run(req, res, { session: false });
    if (outcome.kind === 'success') return outcome.profile;
    throw new Error(`Facebook login did not complete (${outcome.kind})`);
  }

  /** One strategy run; passport gives each request its own instance of the registered strategy. */
  private run(req: Request, res: Response, options: passport.AuthenticateOptions): Promise<StrategyOutcome> {
    return new Promise<StrategyOutcome>((resolve, reject) => {
      const middleware = this.passport.authenticate(
        'facebook',
        options,
        (error: unknown, user: ProviderProfile | false | undefined, info: unknown) => {
          if (error)
            reject(error instanceof Error ? error : new Error('passport-facebook failed', { cause: error }));
          else if (user) resolve({ kind: 'success', profile: user });
          else resolve({ kind: 'failed', info });
        },
      ) as RequestHandler;
      void middleware(req, res, (error?: unknown) => {
        reject(
          error instanceof Error ? error : new Error('passport passed the request on without a decision'),
        );
      });
      // The redirect to the dialog is written synchronously, and never reaches the callback.
      if (res.headersSent) resolve({ kind: 'redirected' });
    });
  }
}

function toProviderProfile(profile: Profile): ProviderProfile {
  return {
    subject: profile.id,
    email: normaliseEmail(profile.emails?.[0]?.value),
    // The Graph API does not say whether the address is confirmed; we confirm it ourselves.
    emailVerified: false,
  };
}
