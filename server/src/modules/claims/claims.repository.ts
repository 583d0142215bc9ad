import { In, type EntityManager } from 'typeorm';
import type { ClaimState } from '@shared/contracts/claims.js';
import type { Database } from '../../platform/db/database.js';
import { ClaimMessageRow } from './claim-message.entity.js';
import { ClaimProofRow } from './claim-proof.entity.js';
import { UNDECIDED } from './claim-rules.js';
import { ClaimShopSetting } from './claim-shop-setting.entity.js';
import { Claim } from './claim.entity.js';
import type { TimeKey } from '../../platform/http/cursor.js';

export interface ClaimFilter {
  state?: ClaimState;
  networkId?: string;
  /** Overdue (undecided and past the deadline) at `at`, or — `overdue: false` — not. */
  overdue?: { at: Date; overdue: boolean };
  after?: TimeKey;
  limit: number;
}

export type NewClaim = Omit<Claim, 'id'>;
export type ClaimChanges = Partial<Pick<Claim, 'reason' | 'conversionId' | 'decidedBy' | 'decidedAt'>> & {
  state: ClaimState;
  updatedAt: Date;
};

/** The claims tables. Every read for a shopper takes the owner's id. */
export class ClaimsRepository {
  constructor(private readonly database: Database) {}

  /** Inserts a claim; a second one for the same (network, order number) fails on the UNIQUE index. */
  async insert(manager: EntityManager, claim: NewClaim): Promise<Claim> {
    const result = await manager.insert(Claim, claim);
    const id = (result.identifiers[0] as { id: string | number } | undefined)?.id;
    if (id === undefined) throw new Error('claim insert returned no id');
    return { ...claim, id: String(id) };
  }

  findOwned(
    userId: string,
    id: string,
    manager: EntityManager = this.database.manager,
  ): Promise<Claim | null> {
    return manager.findOneBy(Claim, { id, userId });
  }

  findById(id: string, manager: EntityManager = this.database.manager): Promise<Claim | null> {
    return manager.findOneBy(Claim, { id });
  }

  /** The claim row-locked until the transaction ends (a no-op on SQLite's single writer). */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<Claim | null> {
    return this.database
      .forUpdate(manager.getRepository(Claim).createQueryBuilder('c').where('c.id = :id', { id }))
      .getOne();
  }

  findByOrder(manager: EntityManager, networkId: string, orderNumber: string): Promise<Claim | null> {
    return manager.findOneBy(Claim, { networkId, orderNumber });
  }

  /** Undecided claims for any of these orders (a network has just reported them). */
  async undecidedForOrders(
    manager: EntityManager,
    orders: Array<{ networkId: string; orderNumber: string }>,
  ): Promise<Claim[]> {
    if (orders.length === 0) return [];
    const builder = manager
      .getRepository(Claim)
      .createQueryBuilder('c')
      .where('c.state IN (:...undecided)', { undecided: UNDECIDED });
    const matches = orders.map(
      (_order, index) => `(c.network_id = :network${index} AND c.order_number = :order${index})`,
    );
    const parameters = Object.fromEntries(
      orders.flatMap((order, index) => [
        [`network${index}`, order.networkId],
        [`order${index}`, order.orderNumber],
      ]),
    );
    return builder.andWhere(`(${matches.join(' OR ')})`, parameters).getMany();
  }

  /** The owner's claims, newest first, keyset on (created_at, id) over (user_id, created_at, id). */
  pageOwned(
    userId: string,
    state: ClaimState | undefined,
    after: TimeKey | undefined,
    limit: number,
  ): Promise<Claim[]> {
    const builder = this.database.manager
      .getRepository(Claim)
      .createQueryBuilder('c')
      .where('c.user_id = :userId', { userId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit);
    if (state !== undefined) builder.andWhere('c.state = :state', { state });
    if (after) {
      builder.andWhere(
        '(c.created_at < :afterCreatedAt OR (c.created_at = :afterCreatedAt AND c.id < :afterId))',
        {
          afterCreatedAt: after.createdAt,
          afterId: after.id,
        },
      );
    }
    return this.database.run(() => builder.getMany());
  }

  /** The support queue, oldest first (the nearest deadline first), keyset on (created_at, id). */
  search(filter: ClaimFilter): Promise<Claim[]> {
    const builder = this.database.manager
      .getRepository(Claim)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(filter.limit);
    // Each filter only when given: an undefined value must never reach a WHERE (typeorm#9316).
    if (filter.state !== undefined) builder.andWhere('c.state = :state', { state: filter.state });
    if (filter.networkId !== undefined)
      builder.andWhere('c.network_id = :networkId', { networkId: filter.networkId });
    if (filter.overdue !== undefined) {
      const parameters = { undecided: UNDECIDED, overdueAt: filter.overdue.at };
      builder.andWhere(
        filter.overdue.overdue
          ? '(c.state IN (:...undecided) AND c.deadline_at < :overdueAt)'
          : '(c.state NOT IN (:...undecided) OR c.deadline_at >= :overdueAt)',
        parameters,
      );
    }
    if (filter.after) {
      builder.andWhere(
        '(c.created_at > :afterCreatedAt OR (c.created_at = :afterCreatedAt AND c.id > :afterId))',
        {
          afterCreatedAt: filter.after.createdAt,
          afterId: filter.after.id,
        },
      );
    }
    return this.database.run(() => builder.getMany());
  }

  /** Undecided claims of one network, oldest first (the claim portal export). */
  undecidedOfNetwork(networkId: string): Promise<Claim[]> {
    return this.database.run((manager) =>
      manager.find(Claim, {
        where: { networkId, state: In([...UNDECIDED]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    );
  }

  /**
   * Moves the claim on, only from the state and revision it was read at: a concurrent step makes
   * this change no row, and the caller refuses. True when the row changed.
   */
  async transition(manager: EntityManager, claim: Claim, changes: ClaimChanges): Promise<boolean> {
    const updated = await manager.update(
      Claim,
      { id: claim.id, state: claim.state, revision: claim.revision },
      { ...changes, revision: claim.revision + 1 },
    );
    return (updated.affected ?? 0) === 1;
  }

  async insertMessage(manager: EntityManager, message: Omit<ClaimMessageRow, 'id'>): Promise<void> {
    await manager.insert(ClaimMessageRow, message);
  }

  messagesOf(claimId: string, manager: EntityManager = this.database.manager): Promise<ClaimMessageRow[]> {
    return manager.find(ClaimMessageRow, { where: { claimId }, order: { id: 'ASC' } });
  }

  async insertProof(manager: EntityManager, proof: Omit<ClaimProofRow, 'id'>): Promise<ClaimProofRow> {
    const result = await manager.insert(ClaimProofRow, proof);
    const id = (result.identifiers[0] as { id: string | number } | undefined)?.id;
    if (id === undefined) throw new Error('proof insert returned no id');
    return { ...proof, id: String(id) };
  }

  proofsOf(claimId: string, manager: EntityManager = this.database.manager): Promise<ClaimProofRow[]> {
    return manager.find(ClaimProofRow, { where: { claimId }, order: { id: 'ASC' } });
  }

  findProof(claimId: string, proofId: string): Promise<ClaimProofRow | null> {
    return this.database.run((manager) => manager.findOneBy(ClaimProofRow, { id: proofId, claimId }));
  }

  countProofs(manager: EntityManager, claimId: string): Promise<number> {
    return manager.countBy(ClaimProofRow, { claimId });
  }

  async claimAfterDays(
    shopId: string,
    manager: EntityManager = this.database.manager,
  ): Promise<number | null> {
    const setting = await manager.findOneBy(ClaimShopSetting, { shopId });
    return setting?.claimAfterDays ?? null;
  }

  async saveShopSetting(manager: EntityManager, setting: ClaimShopSetting): Promise<void> {
    await manager.upsert(ClaimShopSetting, setting, ['shopId']);
  }
}
