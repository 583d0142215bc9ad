import { In, IsNull, type EntityManager } from 'typeorm';
import type { BatchFileFormat } from '@shared/contracts/payout-batches.js';
import type { PayoutState } from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
import type { Database } from '../../../platform/db/database.js';
import { Payout } from '../payout.entity.js';
import { PayoutBatchFile } from './payout-batch-file.entity.js';
import { PayoutBatch } from './payout-batch.entity.js';

export type NewPayoutBatch = Omit<PayoutBatch, 'id'>;
export type NewBatchFile = Omit<PayoutBatchFile, 'id'>;
/** A file as listed: everything but its content. */
export type BatchFileInfo = Omit<PayoutBatchFile, 'content'>;

/** How many ids go into one `IN (…)`: well under every driver's parameter limit. */
const IN_CHUNK = 500;

/** The payout_batches and payout_batch_files tables, and the payouts' side of the batch link. */
export class PayoutBatchesRepository {
  constructor(private readonly database: Database) {}

  /** Approved payouts of a currency not in any batch yet, oldest first (optionally only `ids`). */
  approvedUnbatched(
    manager: EntityManager,
    currency: Currency,
    ids: string[] | undefined,
  ): Promise<Payout[]> {
    return manager.find(Payout, {
      where: {
        state: 'approved',
        currency,
        batchId: IsNull(),
        ...(ids !== undefined ? { id: In(ids) } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async insertBatch(manager: EntityManager, batch: NewPayoutBatch): Promise<PayoutBatch> {
    const result = await manager.insert(PayoutBatch, batch);
    const id = (result.identifiers[0] as { id: string | number } | undefined)?.id;
    if (id === undefined) throw new Error('payout batch insert returned no id');
    return (await manager.findOneBy(PayoutBatch, { id: String(id) }))!;
  }

  /**
   * Claims the payouts for the batch: only those still approved, in the currency and in no batch —
   * the condition that keeps a payout out of a second batch, however many are made at once. The
   * revision moves on, so a step read before the claim (reject, say) finds the payout changed.
   * Returns the claimed payouts, oldest first.
   */
  async claim(
    manager: EntityManager,
    batchId: string,
    currency: Currency,
    ids: readonly string[],
    now: Date,
  ): Promise<Payout[]> {
    for (let start = 0; start < ids.length; start += IN_CHUNK) {
      await manager
        .createQueryBuilder()
        .update(Payout)
        .set({ batchId, updatedAt: now, revision: () => 'revision + 1' })
        .where({ id: In(ids.slice(start, start + IN_CHUNK)), state: 'approved', currency, batchId: IsNull() })
        .execute();
    }
    return this.payoutsOf(manager, batchId);
  }

  /** The batch's payouts, oldest first. */
  payoutsOf(manager: EntityManager, batchId: string, state?: PayoutState, limit?: number): Promise<Payout[]> {
    return manager.find(Payout, {
      where: { batchId, ...(state !== undefined ? { state } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      ...(limit !== undefined ? { take: limit } : {}),
    });
  }

  findById(manager: EntityManager, id: string): Promise<PayoutBatch | null> {
    return manager.findOneBy(PayoutBatch, { id });
  }

  /** The batch row-locked until the transaction ends: its steps run one after another. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<PayoutBatch | null> {
    return this.database
      .forUpdate(manager.getRepository(PayoutBatch).createQueryBuilder('b').where('b.id = :id', { id }))
      .getOne();
  }

  findByKey(manager: EntityManager, createdBy: string, idempotencyKey: string): Promise<PayoutBatch | null> {
    return manager.findOneBy(PayoutBatch, { createdBy, idempotencyKey });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<PayoutBatch, 'exportedCount' | 'updatedAt' | 'payoutCount' | 'totalMinor' | 'skipped'>
    >,
  ): Promise<void> {
    await manager.update(PayoutBatch, { id }, changes);
  }

  /** Moves the batch to ready only from exporting: two finishing steps cannot both store files. */
  async markReady(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const updated = await manager.update(
      PayoutBatch,
      { id, state: 'exporting' },
      { state: 'ready', updatedAt: now, completedAt: now },
    );
    return (updated.affected ?? 0) === 1;
  }

  async insertFile(manager: EntityManager, file: NewBatchFile): Promise<void> {
    await manager.insert(PayoutBatchFile, file);
  }

  file(manager: EntityManager, batchId: string, format: BatchFileFormat): Promise<PayoutBatchFile | null> {
    return manager.findOneBy(PayoutBatchFile, { batchId, format });
  }

  /** The files of these batches, without their content. */
  async filesOf(manager: EntityManager, batchIds: readonly string[]): Promise<BatchFileInfo[]> {
    if (batchIds.length === 0) return [];
    return manager.find(PayoutBatchFile, {
      select: {
        id: true,
        batchId: true,
        format: true,
        fileName: true,
        mediaType: true,
        bytes: true,
        sha256: true,
        createdAt: true,
      },
      where: { batchId: In([...batchIds]) },
      order: { id: 'ASC' },
    });
  }

  /** How many of each batch's payouts are in each state now. */
  async stateCounts(
    manager: EntityManager,
    batchIds: readonly string[],
  ): Promise<Map<string, Partial<Record<PayoutState, number>>>> {
    const counts = new Map<string, Partial<Record<PayoutState, number>>>();
    if (batchIds.length === 0) return counts;
    const rows = await manager
      .getRepository(Payout)
      .createQueryBuilder('p')
      .select('p.batch_id', 'batchId')
      .addSelect('p.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .where('p.batch_id IN (:...batchIds)', { batchIds })
      .groupBy('p.batch_id')
      .addGroupBy('p.state')
      .getRawMany<{ batchId: string | number; state: PayoutState; count: string | number }>();
    for (const row of rows) {
      const key = String(row.batchId);
      counts.set(key, { ...counts.get(key), [row.state]: Number(row.count) });
    }
    return counts;
  }

  /** Newest first, keyset on id. */
  page(currency: Currency | undefined, afterId: string | undefined, limit: number): Promise<PayoutBatch[]> {
    const builder = this.database.manager
      .getRepository(PayoutBatch)
      .createQueryBuilder('b')
      .orderBy('b.id', 'DESC')
      .limit(limit);
    if (currency !== undefined) builder.andWhere('b.currency = :currency', { currency });
    if (afterId !== undefined) builder.andWhere('b.id < :afterId', { afterId });
    return this.database.run(() => builder.getMany());
  }
}
