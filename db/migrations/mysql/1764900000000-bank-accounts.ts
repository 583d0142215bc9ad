import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Shoppers' bank accounts (modules/bank-accounts). Rows are never deleted, only marked removed:
 * payouts name the account they went to. `iban` is indexed for the duplicate check and for the
 * staff list of IBANs that several shoppers use.
 */
export class BankAccounts1764900000000 implements MigrationInterface {
  name = 'BankAccounts1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bank_accounts (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        iban varchar(34) NOT NULL,
        bic varchar(11) NULL,
        holder_name varchar(70) NOT NULL,
        domestic_number varchar(24) NULL,
        created_at datetime(3) NOT NULL,
        verified_at datetime(3) NULL,
        removed_at datetime(3) NULL,
        first_paid_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_bank_accounts_user (user_id),
        KEY ix_bank_accounts_iban (iban)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE bank_accounts');
  }
}
