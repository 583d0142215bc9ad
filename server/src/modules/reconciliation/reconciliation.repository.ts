import type { EntityManager } from 'typeorm';
import type { DiffKind } from '@shared/contracts/reconciliation.js';
import type { Database } from '../../platform/db/database.js';
import { ReportImport } from './report-import.entity.js';
import { ReportLineRow } from './report-line.entity.js';
import { Settlement } from './settlement.entity.js';

/** The reconciliation module's queries: imports, their lines, settlements. */
export class ReconciliationRepository {
  constructor(private readonly database: Database) {}

  async insertImport(manager: EntityManager, row: Omit<ReportImport, 'id'>): Promise<ReportImport> {
    return manager.save(ReportImport, manager.create(ReportImport, row));
  }

  async insertLines(manager: EntityManager, rows: Array<Omit<ReportLineRow, 'id'>>): Promise<void> {
    // In chunks: one statement per few hundred lines keeps within every driver's parameter limit.
    for (let start = 0; start < rows.length; start += 200)
      await manager.insert(ReportLineRow, rows.slice(start, start + 200));
  }

  /** Reads outside a transaction go through `run`: queued on SQLite behind open transactions. */
  findImport(id: string, manager?: EntityManager): Promise<ReportImport | null> {
    const read = (own: EntityManager) => own.findOneBy(ReportImport, { id });
    return manager ? read(manager) : this.database.run(read);
  }

  recentImports(limit: number): Promise<ReportImport[]> {
    return this.database.run((manager) => manager.find(ReportImport, { order: { id: 'DESC' }, take: limit }));
  }

  linesOf(importId: string, manager?: EntityManager): Promise<ReportLineRow[]> {
    const read = (own: EntityManager) =>
      own.find(ReportLineRow, { where: { importId }, order: { lineNo: 'ASC' } });
    return manager ? read(manager) : this.database.run(read);
  }

  /** The import's lines that are not applied yet, by number or by kind, locked until commit. */
  lockPending(
    manager: EntityManager,
    importId: string,
    which: { lineNo: number } | { kind: DiffKind },
  ): Promise<ReportLineRow[]> {
    const query = manager
      .getRepository(ReportLineRow)
      .createQueryBuilder('line')
      .where('line.import_id = :importId', { importId })
      .andWhere('line.applied_at IS NULL');
    if ('lineNo' in which) query.andWhere('line.line_no = :lineNo', { lineNo: which.lineNo });
    else query.andWhere('line.kind = :kind', { kind: which.kind });
    return this.database.forUpdate(query.orderBy('line.line_no', 'ASC')).getMany();
  }

  findLine(manager: EntityManager, importId: string, lineNo: number): Promise<ReportLineRow | null> {
    return manager.findOneBy(ReportLineRow, { importId, lineNo });
  }

  async recordOutcome(
    manager: EntityManager,
    lineId: string,
    changes: Pick<ReportLineRow, 'appliedAt' | 'appliedBy' | 'outcome'>,
  ): Promise<void> {
    await manager.update(ReportLineRow, { id: lineId }, changes);
  }

  insertSettlement(manager: EntityManager, row: Omit<Settlement, 'id'>): Promise<Settlement> {
    return manager.save(Settlement, manager.create(Settlement, row));
  }

  settlementByKey(idempotencyKey: string): Promise<Settlement | null> {
    return this.database.run((manager) => manager.findOneBy(Settlement, { idempotencyKey }));
  }

  recentSettlements(limit: number): Promise<Settlement[]> {
    return this.database.run((manager) => manager.find(Settlement, { order: { id: 'DESC' }, take: limit }));
  }
}
