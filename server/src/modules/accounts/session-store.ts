import type { Request } from 'express';
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import type { SessionRecord } from './session.entity.js';
import { SessionsRepository } from './sessions.repository.js';

/** Activity is written back at most this often per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * express-session store on our own `sessions` table (both dialects). Rows are keyed by the
 * SHA-256 of the session id and carry the user id, so a shopper can list and end their sessions
 * and logout, password change and account deletion can end them server-side.
 */
export class DatabaseSessionStore extends session.Store {
  private readonly lastTouched = new Map<string, number>();
  /** Called when sessions are destroyed, so caches keyed by session (the click path) forget them. */
  readonly onDestroy = new Set<(sessionIdHash: string) => void>();
  /** Called after a login starts a session (e.g. to attach clicks made before logging in). */
  readonly onLogin = new Set<(userId: string, req: Request) => Promise<void>>();
  readonly repository: SessionsRepository;

  constructor(
    database: Database,
    private readonly clock: Clock,
  ) {
    super();
    this.repository = new SessionsRepository(database);
  }

  static hash(sid: string): string {
    return sha256Hex(sid);
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.loadSession(sid).then(
      (data) => callback(null, data),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    this.saveSession(sid, data).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.destroyByHashes([DatabaseSessionStore.hash(sid)]).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    const id = DatabaseSessionStore.hash(sid);
    const now = this.clock.now().getTime();
    if (now - (this.lastTouched.get(id) ?? 0) < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    this.lastTouched.set(id, now);
    this.repository.touch(id, new Date(now), this.expiryOf(data)).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  private async loadSession(sid: string): Promise<SessionData | null> {
    const record = await this.repository.find(DatabaseSessionStore.hash(sid));
    if (!record) return null;
    if (record.expiresAt.getTime() <= this.clock.now().getTime()) {
      await this.destroyByHashes([record.id]);
      return null;
    }
    return JSON.parse(record.data) as SessionData;
  }

  private async saveSession(sid: string, data: SessionData): Promise<void> {
    const id = DatabaseSessionStore.hash(sid);
    const now = this.clock.now();
    const fields = {
      userId: data.userId ?? null,
      data: JSON.stringify(data),
      lastSeenAt: now,
      expiresAt: this.expiryOf(data),
      ip: data.ip ?? null,
      userAgent: data.userAgent ?? null,
    };
    this.lastTouched.set(id, now.getTime());
    await this.repository.save(id, fields, now);
  }

  private expiryOf(data: SessionData): Date {
    const cookieExpiry = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Infinity;
    const absolute = data.absoluteExpiresAt ?? Infinity;
    const fallback = this.clock.now().getTime() + 12 * 3600_000;
    const end = Math.min(cookieExpiry, absolute);
    return new Date(Number.isFinite(end) ? end : fallback);
  }

  // --- used by the accounts service -------------------------------------------------------

  listForUser(userId: string): Promise<SessionRecord[]> {
    return this.repository.listForUser(userId);
  }

  /** Ends one of the user's sessions; false when it is not theirs (or gone). */
  async destroyForUser(userId: string, sessionIdHash: string): Promise<boolean> {
    const deleted = await this.repository.deleteForUser(userId, [sessionIdHash]);
    this.forget([sessionIdHash]);
    return deleted > 0;
  }

  /** Ends all of the user's sessions except `keepHash`; returns how many ended. */
  async destroyAllForUser(userId: string, keepHash?: string): Promise<number> {
    const ids = (await this.listForUser(userId)).map((record) => record.id).filter((id) => id !== keepHash);
    if (ids.length === 0) return 0;
    await this.repository.deleteForUser(userId, ids);
    this.forget(ids);
    return ids.length;
  }

  async destroyByHashes(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.repository.delete(ids);
    this.forget(ids);
  }

  purgeExpired(): Promise<number> {
    return this.repository.deleteExpired(this.clock.now());
  }

  private forget(ids: string[]): void {
    for (const id of ids) {
      this.lastTouched.delete(id);
      for (const listener of this.onDestroy) listener(id);
    }
  }
}
