import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Payouts1764910000000 implements MigrationInterface {
  name = 'Payouts1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The idempotency key is compared byte for byte (utf8mb4_bin), as the client sent it.
    await queryRunner.query(`
      CREATE TABLE payouts (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        bank_account_id bigint NOT NULL,
        currency varchar(3) NOT NULL,
        amount_minor bigint NOT NULL,
        state varchar(16) NOT NULL,
        reference varchar(10) NULL,
        end_to_end_id varchar(35) NULL,
        idempotency_key varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        request_hash varchar(64) NOT NULL,
        reason varchar(500) NULL,
        first_payout tinyint(1) NOT NULL,
        iban varchar(34) NOT NULL,
        bic varchar(11) NULL,
        holder_name varchar(140) NOT NULL,
        approved_by bigint NULL,
        approved_at datetime(3) NULL,
        resolved_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        revision int NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_payouts_idempotency (user_id, idempotency_key),
        UNIQUE KEY uq_payouts_reference (reference),
        UNIQUE KEY uq_payouts_end_to_end (end_to_end_id),
        KEY ix_payouts_user (user_id, created_at, id),
        KEY ix_payouts_queue (state, created_at, id),
        CONSTRAINT ck_payouts_amount CHECK (amount_minor > 0)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payouts');
  }
}
