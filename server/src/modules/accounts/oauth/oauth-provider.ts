import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import { EmailSchema, type Provider } from '@shared/contracts/accounts.js';
import '../auth-context.js';

/** What we keep from a provider login: who it is (subject) and the address it vouches for. */
export interface ProviderProfile {
  /** The provider's stable id for the person: Facebook's app-scoped id, the OIDC `sub`. */
  subject: string;
  /** Normalised (trimmed, lower-cased), or null when the provider gave none or an invalid one. */
  email: string | null;
  /** True only when the provider says so explicitly (OIDC `email_verified`). */
  emailVerified: boolean;
}

/** One round trip's secrets, kept in the session between the redirect and the callback. */
export type OAuthRound = NonNullable<SessionData['oauth']>;

/** The protocol side of one provider; what happens to accounts is `SocialLoginService`'s job. */
export interface OAuthProviderClient {
  readonly name: Provider;
  /** Fresh secrets: `state` always; `nonce` and the PKCE verifier where the protocol has them. */
  newRound(link: boolean): OAuthRound;
  /** Answers with the redirect to the provider's login page. */
  redirect(req: Request, res: Response, round: OAuthRound): Promise<void>;
  /** Exchanges the callback's code for the profile. The caller has already checked `state`. */
  complete(req: Request, res: Response, round: OAuthRound): Promise<ProviderProfile>;
}

export function normaliseEmail(raw: unknown): string | null {
  const parsed = EmailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
