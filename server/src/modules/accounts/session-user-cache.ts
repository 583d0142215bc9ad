import { unsign } from 'cookie-signature';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { SessionRecord } from './session.entity.js';
import { DatabaseSessionStore } from './session-store.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;

interface Entry {
  userId: string | null;
  sessionHash: string;
  /** When this cache entry must be re-read (never later than the session's own expiry). */
  staleAt: number;
}

/**
 * Who is behind a session cookie, without a database round trip per request: the click redirect
 * is our hottest path. Entries are keyed by the raw signed cookie value (so a hit needs no HMAC),
 * live at most 30 s, and are dropped at once when the session is destroyed (logout, revocation,
 * password change), so a logged-out cookie never earns a click.
 */
export class SessionUserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly cookiesBySession = new Map<string, Set<string>>();

  constructor(
    private readonly database: Database,
    private readonly store: DatabaseSessionStore,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {
    store.onDestroy.add((sessionHash) => this.forget(sessionHash));
  }

  /** A fresh cached answer for this cookie (`undefined` on a miss), without touching the database. */
  cachedUserId(cookieValue: string | undefined): string | null | undefined {
    if (!cookieValue) return null;
    const cached = this.entries.get(cookieValue);
    return cached && cached.staleAt > this.clock.now().getTime() ? cached.userId : undefined;
  }

  /** The user id of a logged-in session cookie (URL-decoded value), or null. */
  async userIdFor(cookieValue: string | undefined): Promise<string | null> {
    const cached = this.cachedUserId(cookieValue);
    if (cached !== undefined || !cookieValue) return cached ?? null;
    const now = this.clock.now().getTime();

    const sid = cookieValue.startsWith('s:') ? unsign(cookieValue.slice(2), this.secret) : false;
    if (sid === false) return null;
    const sessionHash = DatabaseSessionStore.hash(sid);
    const record = await this.database.manager.findOne(SessionRecord, {
      select: { id: true, userId: true, expiresAt: true },
      where: { id: sessionHash },
    });
    const alive = record !== null && record.expiresAt.getTime() > now;
    const userId = alive ? record.userId : null;
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.cookiesBySession.clear();
    }
    this.entries.set(cookieValue, {
      userId,
      sessionHash,
      staleAt: Math.min(now + TTL_MS, alive ? record.expiresAt.getTime() : now + TTL_MS),
    });
    const cookies = this.cookiesBySession.get(sessionHash) ?? new Set<string>();
    cookies.add(cookieValue);
    this.cookiesBySession.set(sessionHash, cookies);
    return userId;
  }

  private forget(sessionHash: string): void {
    for (const cookie of this.cookiesBySession.get(sessionHash) ?? []) this.entries.delete(cookie);
    this.cookiesBySession.delete(sessionHash);
  }
}
