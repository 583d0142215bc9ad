import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shoppers' bank accounts; see the MySQL twin for notes. */
export class BankAccounts1764900000000 implements MigrationInterface {
  name = 'BankAccounts1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bank_accounts (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        iban varchar(34) NOT NULL,
        bic varchar(11) NULL,
        holder_name varchar(70) NOT NULL,
        domestic_number varchar(24) NULL,
        created_at datetime NOT NULL,
        verified_at datetime NULL,
        removed_at datetime NULL,
        first_paid_at datetime NULL
      )`);
    await queryRunner.query('CREATE INDEX ix_bank_accounts_user ON bank_accounts (user_id)');
    await queryRunner.query('CREATE INDEX ix_bank_accounts_iban ON bank_accounts (iban)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE bank_accounts');
  }
}
