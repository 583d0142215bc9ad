import type { EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { PayoutStatementImport } from './payout-statement-import.entity.js';
import { PayoutStatementLine } from './payout-statement-line.entity.js';
import { Payout } from './payout.entity.js';

/** Statement imports and their lines, and the two ways a statement line names a payout. */
export class PayoutStatementsRepository {
  constructor(private readonly database: Database) {}

  insertImport(
    manager: EntityManager,
    row: Omit<PayoutStatementImport, 'id'>,
  ): Promise<PayoutStatementImport> {
    return manager.save(PayoutStatementImport, manager.create(PayoutStatementImport, row));
  }

  async setCounts(
    manager: EntityManager,
    id: string,
    counts: PayoutStatementImport['counts'],
  ): Promise<void> {
    await manager.update(PayoutStatementImport, { id }, { counts });
  }

  async insertLines(manager: EntityManager, rows: Array<Omit<PayoutStatementLine, 'id'>>): Promise<void> {
    // In chunks: a few hundred rows a statement keeps within every driver's parameter limit.
    for (let start = 0; start < rows.length; start += 200)
      await manager.insert(PayoutStatementLine, rows.slice(start, start + 200));
  }

  /** Reads outside a transaction go through `run`: queued on SQLite behind open transactions. */
  findImport(id: string): Promise<PayoutStatementImport | null> {
    return this.database.run((manager) => manager.findOneBy(PayoutStatementImport, { id }));
  }

  findImportBySha256(sha256: string): Promise<PayoutStatementImport | null> {
    return this.database.run((manager) => manager.findOneBy(PayoutStatementImport, { sha256 }));
  }

  recentImports(limit: number): Promise<PayoutStatementImport[]> {
    return this.database.run((manager) =>
      manager.find(PayoutStatementImport, { order: { id: 'DESC' }, take: limit }),
    );
  }

  linesOf(importId: string): Promise<PayoutStatementLine[]> {
    return this.database.run((manager) =>
      manager.find(PayoutStatementLine, { where: { importId }, order: { lineNo: 'ASC' } }),
    );
  }

  /**
   * The payout a statement line names: by its SEPA EndToEndId or by its variable symbol (both
   * UNIQUE). Row-locked when `lock` (an import that will pay it), so its state cannot change
   * between this read and the step.
   */
  findPayoutBy(
    manager: EntityManager,
    by: { endToEndId: string } | { reference: string },
    lock: boolean,
  ): Promise<Payout | null> {
    const query = manager.getRepository(Payout).createQueryBuilder('p');
    if ('endToEndId' in by) query.where('p.end_to_end_id = :value', { value: by.endToEndId });
    else query.where('p.reference = :value', { value: by.reference });
    return (lock ? this.database.forUpdate(query) : query).getOne();
  }
}
