import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payouts1764910000000 implements MigrationInterface {
  name = 'Payouts1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payouts (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        bank_account_id bigint NOT NULL,
        currency varchar(3) NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        state varchar(16) NOT NULL,
        reference varchar(10) NULL,
        end_to_end_id varchar(35) NULL,
        idempotency_key varchar(64) NOT NULL,
        request_hash varchar(64) NOT NULL,
        reason varchar(500) NULL,
        first_payout boolean NOT NULL,
        iban varchar(34) NOT NULL,
        bic varchar(11) NULL,
        holder_name varchar(140) NOT NULL,
        approved_by bigint NULL,
        approved_at datetime NULL,
        resolved_at datetime NULL,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL,
        revision int NOT NULL
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_payouts_idempotency ON payouts (user_id, idempotency_key)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX uq_payouts_reference ON payouts (reference)');
    await queryRunner.query('CREATE UNIQUE INDEX uq_payouts_end_to_end ON payouts (end_to_end_id)');
    await queryRunner.query('CREATE INDEX ix_payouts_user ON payouts (user_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ix_payouts_queue ON payouts (state, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payouts');
  }
}
