import type { EntityManager } from 'typeorm';
import type { PayoutState } from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
import type { Database } from '../../platform/db/database.js';
import type { BatchState } from '@shared/contracts/payout-batches.js';
import { PayoutBatch } from './exports/payout-batch.entity.js';
import { Payout } from './payout.entity.js';
import type { TimeKey } from '../../platform/http/cursor.js';

export interface PayoutFilter {
  state?: PayoutState;
  currency?: Currency;
  firstPayout?: boolean;
  after?: TimeKey;
  limit: number;
}

export type NewPayout = Omit<Payout, 'id' | 'reference' | 'endToEndId' | 'batchId'>;

/** The payouts table. Every read for a shopper takes the owner's id. */
export class PayoutsRepository {
  constructor(private readonly database: Database) {}

  /** Inserts a requested payout; a second one with the same (user, key) fails on the UNIQUE index. */
  async insert(manager: EntityManager, payout: NewPayout): Promise<string> {
    const result = await manager.insert(Payout, {
      ...payout,
      reference: null,
      endToEndId: null,
      batchId: null,
    });
    const id = (result.identifiers[0] as { id: string | number } | undefined)?.id;
    if (id === undefined) throw new Error('payout insert returned no id');
    return String(id);
  }

  /** The bank references, derived from the id once it is known (same transaction as the insert). */
  async setReferences(
    manager: EntityManager,
    id: string,
    references: { reference: string; endToEndId: string },
  ): Promise<void> {
    await manager.update(Payout, { id }, references);
  }

  findOwned(manager: EntityManager, userId: string, id: string): Promise<Payout | null> {
    return manager.findOneBy(Payout, { id, userId });
  }

  findByKey(manager: EntityManager, userId: string, idempotencyKey: string): Promise<Payout | null> {
    return manager.findOneBy(Payout, { userId, idempotencyKey });
  }

  findById(manager: EntityManager, id: string): Promise<Payout | null> {
    return manager.findOneBy(Payout, { id });
  }

  /** The payout row-locked until the transaction ends (a no-op on SQLite's single writer). */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<Payout | null> {
    return this.database
      .forUpdate(manager.getRepository(Payout).createQueryBuilder('p').where('p.id = :id', { id }))
      .getOne();
  }

  /** The owner's payouts, newest first, keyset on (created_at, id) over (user_id, created_at, id). */
  pageOwned(userId: string, after: TimeKey | undefined, limit: number): Promise<Payout[]> {
    const builder = this.database.manager
      .getRepository(Payout)
      .createQueryBuilder('p')
      .where('p.user_id = :userId', { userId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit);
    if (after) {
      builder.andWhere(
        '(p.created_at < :afterCreatedAt OR (p.created_at = :afterCreatedAt AND p.id < :afterId))',
        {
          afterCreatedAt: after.createdAt,
          afterId: after.id,
        },
      );
    }
    return this.database.run(() => builder.getMany());
  }

  /** The staff queue, oldest first (first come, first paid), keyset on (created_at, id). */
  search(filter: PayoutFilter): Promise<Payout[]> {
    const builder = this.database.manager
      .getRepository(Payout)
      .createQueryBuilder('p')
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(filter.limit);
    // Each filter only when given: an undefined value must never reach a WHERE (typeorm#9316).
    if (filter.state !== undefined) builder.andWhere('p.state = :state', { state: filter.state });
    if (filter.currency !== undefined)
      builder.andWhere('p.currency = :currency', { currency: filter.currency });
    if (filter.firstPayout !== undefined)
      builder.andWhere('p.first_payout = :firstPayout', { firstPayout: filter.firstPayout });
    if (filter.after) {
      builder.andWhere(
        '(p.created_at > :afterCreatedAt OR (p.created_at = :afterCreatedAt AND p.id > :afterId))',
        {
          afterCreatedAt: filter.after.createdAt,
          afterId: filter.after.id,
        },
      );
    }
    return this.database.run(() => builder.getMany());
  }

  /** The state of a payout's batch (null when there is no such batch). */
  async batchState(manager: EntityManager, batchId: string): Promise<BatchState | null> {
    const batch = await manager.findOne(PayoutBatch, {
      select: { id: true, state: true },
      where: { id: batchId },
    });
    return batch?.state ?? null;
  }

  /**
   * Moves the payout on, only from the state and revision it was read at: a concurrent transition
   * makes this change no row, and the caller refuses. True when the row changed.
   */
  async transition(
    manager: EntityManager,
    payout: Payout,
    changes: Partial<Pick<Payout, 'state' | 'reason' | 'approvedBy' | 'approvedAt' | 'resolvedAt'>> & {
      state: PayoutState;
      updatedAt: Date;
    },
  ): Promise<boolean> {
    const updated = await manager.update(
      Payout,
      { id: payout.id, state: payout.state, revision: payout.revision },
      { ...changes, revision: payout.revision + 1 },
    );
    return (updated.affected ?? 0) === 1;
  }
}
