import { unsign } from 'cookie-signature';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { DatabaseSessionStore } from './session-store.js';
import { SessionsRepository } from './sessions.repository.js';
import { User } from './user.entity.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;
/** How long a destroyed session is remembered as such: far longer than any request takes. */
const TOMBSTONE_MS = 10 * 60_000;

interface Entry {
  userId: string | null;
  /** The user as the full session check last loaded them (API reads); absent when only the id is known. */
  user?: User;
  sessionHash: string;
  /** When this cache entry must be re-read (never later than the session's own expiry). */
  staleAt: number;
}

/**
 * Who is behind a session cookie, without a database round trip per request: the click redirect
 * and the shopper's dashboard reads are our hottest paths. Entries are keyed by the raw signed
 * cookie value (so a hit needs no HMAC), live at most 30 s (never past the session's absolute end),
 * and are dropped at once when this process destroys the session (logout, revocation, password
 * change, account deletion), so a logged-out cookie never earns a click or reads a balance here.
 *
 * The bound across processes: a session ended by another instance (or by a statement run straight
 * on the database) stays usable here for at most TTL_MS (30 s) of clicks and cached reads, and a
 * cached user is a snapshot up to 30 s old (so only reads keyed by the user's id opt in). Every
 * other request goes through the full session check against the database.
 */
export class SessionUserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly cookiesBySession = new Map<string, Set<string>>();
  /**
   * Sessions destroyed lately (hash → when, oldest first), so that a request which read the
   * session just before it was destroyed cannot put it back into the cache afterwards.
   */
  private readonly destroyed = new Map<string, number>();
  private readonly sessions: SessionsRepository;

  constructor(
    database: Database,
    store: DatabaseSessionStore,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {
    this.sessions = new SessionsRepository(database);
    store.onDestroy.add((sessionHash) => this.forget(sessionHash));
  }

  /** A fresh cached answer for this cookie (`undefined` on a miss), without touching the database. */
  cachedUserId(cookieValue: string | undefined): string | null | undefined {
    if (!cookieValue) return null;
    const cached = this.entries.get(cookieValue);
    return cached && cached.staleAt > this.clock.now().getTime() ? cached.userId : undefined;
  }

  /**
   * The logged-in user behind this cookie (URL-decoded value) as the full session check last
   * loaded them, while that is fresh; `undefined` sends the request through the full check.
   */
  cachedUser(cookieValue: string | undefined): User | undefined {
    if (!cookieValue) return undefined;
    const cached = this.entries.get(cookieValue);
    return cached?.user && cached.staleAt > this.clock.now().getTime() ? cached.user : undefined;
  }

  /**
   * Called by the full session check after it found a live session of `user` behind this cookie.
   * `sessionEndsAt` (ms) is the latest moment the session may still be valid (its absolute end).
   */
  remember(cookieValue: string, sessionId: string, user: User, sessionEndsAt: number): void {
    // Only the cookie that carries this very session (express-session may have read another one).
    if (!cookieValue.startsWith('s:') || unsign(cookieValue.slice(2), this.secret) !== sessionId) return;
    const now = this.clock.now().getTime();
    this.put(cookieValue, {
      userId: user.id,
      // A frozen copy: no request can change what later requests are served.
      user: Object.freeze(Object.assign(new User(), user)),
      sessionHash: DatabaseSessionStore.hash(sessionId),
      staleAt: Math.min(now + TTL_MS, sessionEndsAt),
    });
  }

  /** The user id of a logged-in session cookie (URL-decoded value), or null. */
  async userIdFor(cookieValue: string | undefined): Promise<string | null> {
    const cached = this.cachedUserId(cookieValue);
    if (cached !== undefined || !cookieValue) return cached ?? null;
    const now = this.clock.now().getTime();

    const sid = cookieValue.startsWith('s:') ? unsign(cookieValue.slice(2), this.secret) : false;
    if (sid === false) return null;
    const sessionHash = DatabaseSessionStore.hash(sid);
    const record = await this.sessions.findOwner(sessionHash);
    const alive = record !== null && record.expiresAt.getTime() > now;
    const userId = alive ? record.userId : null;
    this.put(cookieValue, {
      userId,
      sessionHash,
      staleAt: Math.min(now + TTL_MS, alive ? record.expiresAt.getTime() : now + TTL_MS),
    });
    return userId;
  }

  private put(cookieValue: string, entry: Entry): void {
    if (entry.userId !== null && this.destroyed.has(entry.sessionHash)) return;
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.cookiesBySession.clear();
    }
    this.entries.set(cookieValue, entry);
    const cookies = this.cookiesBySession.get(entry.sessionHash) ?? new Set<string>();
    cookies.add(cookieValue);
    this.cookiesBySession.set(entry.sessionHash, cookies);
  }

  private forget(sessionHash: string): void {
    for (const cookie of this.cookiesBySession.get(sessionHash) ?? []) this.entries.delete(cookie);
    this.cookiesBySession.delete(sessionHash);
    const now = this.clock.now().getTime();
    this.destroyed.delete(sessionHash);
    this.destroyed.set(sessionHash, now);
    for (const [hash, at] of this.destroyed) {
      if (at > now - TOMBSTONE_MS) break;
      this.destroyed.delete(hash);
    }
  }
}
