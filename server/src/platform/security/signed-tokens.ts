import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

/**
 * Login-free links (e-mail verification, password reset, unsubscribe, export download) carry a
 * token: `payload.version.signature`, where the signature is an HMAC-SHA256 over the purpose and
 * the payload with the key of that version. Keys rotate by adding a higher version to APP_KEYS;
 * older versions keep verifying until they are removed.
 */
export interface SignedPayload {
  /** What the link does; a token for one purpose is useless for another. */
  purpose: string;
  /** Usually the user id. */
  subject: string;
  /** Expiry as unix seconds, or 0 for links that do not expire (unsubscribe). */
  expiresAt: number;
  /** Purpose-specific data, e.g. the new e-mail address of an e-mail change. */
  data?: Record<string, string>;
}

export class SignedTokens {
  constructor(private readonly keys: Config['appKeys']) {}

  sign(payload: SignedPayload): string {
    const body = Buffer.from(
      JSON.stringify({
        p: payload.purpose,
        s: payload.subject,
        e: payload.expiresAt,
        d: payload.data,
        n: randomBytes(8).toString('base64url'),
      }),
    ).toString('base64url');
    const version = this.keys.currentVersion;
    return `${body}.${version}.${this.mac(version, payload.purpose, body)}`;
  }

  /** Returns the payload when the token is authentic, for this purpose, and not expired. */
  verify(token: string, purpose: string, now: Date): SignedPayload | undefined {
    const [body, versionText, signature, extra] = token.split('.');
    if (!body || !versionText || !signature || extra !== undefined || !/^\d{1,6}$/.test(versionText))
      return undefined;
    const version = Number(versionText);
    if (!this.keys.keys.has(version)) return undefined;
    const expected = Buffer.from(this.mac(version, purpose, body), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        p: string;
        s: string;
        e: number;
        d?: Record<string, string>;
      };
      if (decoded.p !== purpose) return undefined;
      if (decoded.e !== 0 && decoded.e * 1000 < now.getTime()) return undefined;
      return {
        purpose: decoded.p,
        subject: decoded.s,
        expiresAt: decoded.e,
        ...(decoded.d ? { data: decoded.d } : {}),
      };
    } catch {
      return undefined;
    }
  }

  private mac(version: number, purpose: string, body: string): string {
    return createHmac('sha256', this.keys.keys.get(version)!)
      .update(`${purpose}|${body}`)
      .digest('base64url');
  }
}

/** SHA-256 hex digest, for storing tokens and session ids without storing the secret itself. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
