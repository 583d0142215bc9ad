import { In, IsNull, type EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { BankAccount } from './bank-account.entity.js';

export type BankAccountValues = Omit<BankAccount, 'id'>;

/** Every query of bank accounts; each one about a shopper's accounts names the owner. */
export class BankAccountsRepository {
  constructor(private readonly database: Database) {}

  private manager(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.database.manager;
  }

  insert(manager: EntityManager, values: BankAccountValues): Promise<BankAccount> {
    return manager.save(manager.create(BankAccount, values));
  }

  /** Every account of the owner, removed ones included, oldest first. */
  allOf(userId: string, manager?: EntityManager): Promise<BankAccount[]> {
    return this.manager(manager).find(BankAccount, { where: { userId }, order: { id: 'ASC' } });
  }

  /** The owner's accounts that are not removed, oldest first. */
  activeOf(userId: string, manager?: EntityManager): Promise<BankAccount[]> {
    return this.manager(manager).find(BankAccount, {
      where: { userId, removedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  /**
   * The owner's account that is not removed, or null (another shopper's id is not found). With a
   * transaction it is row-locked on MySQL/MariaDB until the transaction ends, so a removal and a
   * payout to the account cannot pass each other.
   */
  async findActive(userId: string, id: string, manager?: EntityManager): Promise<BankAccount | null> {
    if (!manager) return this.database.manager.findOneBy(BankAccount, { id, userId, removedAt: IsNull() });
    return this.database
      .forUpdate(
        manager
          .createQueryBuilder(BankAccount, 'account')
          .where('account.id = :id AND account.user_id = :userId AND account.removed_at IS NULL', {
            id,
            userId,
          }),
      )
      .getOne();
  }

  async markVerified(manager: EntityManager, userId: string, id: string, at: Date): Promise<void> {
    await manager.update(BankAccount, { id, userId, verifiedAt: IsNull() }, { verifiedAt: at });
  }

  async markRemoved(manager: EntityManager, userId: string, id: string, at: Date): Promise<void> {
    await manager.update(BankAccount, { id, userId, removedAt: IsNull() }, { removedAt: at });
  }

  /** Records the first paid payout; later ones leave the date alone. */
  async markFirstPaid(manager: EntityManager, userId: string, id: string, at: Date): Promise<void> {
    await manager.update(BankAccount, { id, userId, firstPaidAt: IsNull() }, { firstPaidAt: at });
  }

  /**
   * IBANs entered by more than one shopper (removed accounts count: the link between the shoppers
   * stays a signal), in IBAN order after `afterIban`.
   */
  async sharedIbans(limit: number, afterIban: string | undefined): Promise<string[]> {
    const query = this.database.manager
      .createQueryBuilder(BankAccount, 'account')
      .select('account.iban', 'iban')
      .groupBy('account.iban')
      .having('COUNT(DISTINCT account.user_id) > 1')
      .orderBy('account.iban', 'ASC')
      .limit(limit);
    if (afterIban !== undefined) query.where('account.iban > :afterIban', { afterIban });
    const rows = await query.getRawMany<{ iban: string }>();
    return rows.map((row) => row.iban);
  }

  /** Every account with one of the IBANs, whoever owns it (staff view). */
  withIbans(ibans: string[]): Promise<BankAccount[]> {
    if (ibans.length === 0) return Promise.resolve([]);
    return this.database.manager.find(BankAccount, {
      where: { iban: In(ibans) },
      order: { iban: 'ASC', id: 'ASC' },
    });
  }
}
