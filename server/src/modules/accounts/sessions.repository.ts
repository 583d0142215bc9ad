import { In, LessThan } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { SessionRecord } from './session.entity.js';

/** What a session row holds besides its id and creation time. */
export type SessionFields = Pick<
  SessionRecord,
  'userId' | 'data' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'
>;

/**
 * The `sessions` table's queries. Rows are keyed by the SHA-256 of the session id (`id`); methods
 * about one shopper's sessions take the owner's id. Writes run alone (`Database.run`), never
 * inside another caller's SQLite transaction.
 */
export class SessionsRepository {
  constructor(private readonly database: Database) {}

  find(id: string): Promise<SessionRecord | null> {
    return this.database.manager.findOneBy(SessionRecord, { id });
  }

  /** Only what the session cache needs: whose session it is and until when. */
  findOwner(id: string): Promise<Pick<SessionRecord, 'id' | 'userId' | 'expiresAt'> | null> {
    return this.database.manager.findOne(SessionRecord, {
      select: { id: true, userId: true, expiresAt: true },
      where: { id },
    });
  }

  /** Updates the row, or creates it when there is none yet. */
  async save(id: string, fields: SessionFields, createdAt: Date): Promise<void> {
    await this.database.run(async (manager) => {
      const updated = await manager.update(SessionRecord, { id }, fields);
      if (updated.affected) return;
      try {
        await manager.insert(SessionRecord, { id, createdAt, ...fields });
      } catch (error) {
        // Two requests of a new session raced to create it: the other insert won, update instead.
        if (!isUniqueViolation(error)) throw error;
        await manager.update(SessionRecord, { id }, fields);
      }
    });
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.database.run((manager) => manager.update(SessionRecord, { id }, { lastSeenAt, expiresAt }));
  }

  /** The shopper's sessions, most recently used first. */
  listForUser(userId: string): Promise<SessionRecord[]> {
    return this.database.manager.find(SessionRecord, { where: { userId }, order: { lastSeenAt: 'DESC' } });
  }

  /** Deletes those of `ids` that belong to the shopper; how many went. */
  async deleteForUser(userId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.database.run((manager) =>
      manager.delete(SessionRecord, { id: In(ids), userId }),
    );
    return result.affected ?? 0;
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.run((manager) => manager.delete(SessionRecord, { id: In(ids) }));
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.database.run((manager) =>
      manager.delete(SessionRecord, { expiresAt: LessThan(now) }),
    );
    return result.affected ?? 0;
  }
}
