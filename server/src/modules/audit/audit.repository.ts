import { LessThan, type EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { AuditEntry } from './audit-entry.entity.js';

export type AuditEntryValues = Omit<AuditEntry, 'id'>;

/** Every query of the audit log. Rows are only ever inserted; reads name the subject user. */
export class AuditRepository {
  constructor(private readonly database: Database) {}

  /** Appends one row in the caller's transaction (or on the connection `manager` belongs to). */
  async insert(manager: EntityManager, values: AuditEntryValues): Promise<void> {
    await manager.save(manager.create(AuditEntry, values));
  }

  /** The subject's entries, newest first, at most `take` of them, before the id `beforeId` if given. */
  pageForSubject(subjectUserId: string, take: number, beforeId: string | undefined): Promise<AuditEntry[]> {
    return this.database.manager.find(AuditEntry, {
      where: { subjectUserId, ...(beforeId === undefined ? {} : { id: LessThan(beforeId) }) },
      order: { id: 'DESC' },
      take,
    });
  }
}
