import type { TokenScope } from '@shared/contracts/accounts.js';
import type { User } from './user.entity.js';

/** Who is calling, established once per request by `authenticate`. */
export interface AuthContext {
  user: User;
  /** A browser session (cookie) or a personal access token (Bearer). */
  via: 'session' | 'token';
  /** Token scopes; sessions may do everything their role allows. */
  scopes: readonly TokenScope[] | 'all';
  tokenId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    /** Absolute end of this session, whatever the activity (ms since epoch). */
    absoluteExpiresAt?: number;
    remember?: boolean;
    createdAt?: number;
    ip?: string | null;
    userAgent?: string | null;
    /** OAuth/OIDC round trip state, kept until the callback. */
    oauth?: {
      provider: string;
      state: string;
      nonce?: string;
      codeVerifier?: string;
      link?: boolean;
      next?: string;
    };
    /** A provider login waiting for the shopper to log in and link it (never merged silently). */
    pendingIdentity?: { provider: string; subject: string; email: string | null };
  }
}
