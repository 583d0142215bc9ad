import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/** A shopper's bank account. Never deleted (payouts name it): removal sets `removedAt`. */
@Entity('bank_accounts')
export class BankAccount {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  /** Electronic form: upper case, no spaces. */
  @Column({ type: 'varchar', length: 34 })
  iban!: string;

  /** From the bank directory for Czech and Slovak banks; null when unknown. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  bic!: string | null;

  @Column({ name: 'holder_name', type: 'varchar', length: 70 })
  holderName!: string;

  /** `19-2000145399/0800` for Czech accounts, null otherwise. */
  @Column({ name: 'domestic_number', type: 'varchar', length: 24, nullable: true })
  domesticNumber!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When the shopper confirmed the account through the link mailed to them. */
  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'removed_at', type: 'datetime', precision: 3, nullable: true })
  removedAt!: Date | null;

  /** When the first payout to this account was paid; null until then. */
  @Column({ name: 'first_paid_at', type: 'datetime', precision: 3, nullable: true })
  firstPaidAt!: Date | null;
}
