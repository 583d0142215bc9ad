import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Bank exports: a batch of one currency's approved payouts, its files as they were made (so a
 * download is byte-identical however late), and each payout's batch (at most one).
 */
export class PayoutBatches1764930000000 implements MigrationInterface {
  name = 'PayoutBatches1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The idempotency key is compared byte for byte (utf8mb4_bin), as the client sent it.
    await queryRunner.query(`
      CREATE TABLE payout_batches (
        id bigint NOT NULL AUTO_INCREMENT,
        currency varchar(3) NOT NULL,
        state varchar(16) NOT NULL,
        payout_count int NOT NULL,
        exported_count int NOT NULL,
        total_minor bigint NOT NULL,
        left_over int NOT NULL,
        skipped_json mediumtext NOT NULL,
        idempotency_key varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        request_hash varchar(64) NOT NULL,
        created_by bigint NOT NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        completed_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_payout_batches_idempotency (created_by, idempotency_key),
        KEY ix_payout_batches_currency (currency, id),
        CONSTRAINT ck_payout_batches_counts CHECK (exported_count >= 0 AND exported_count <= payout_count)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE payout_batch_files (
        id bigint NOT NULL AUTO_INCREMENT,
        batch_id bigint NOT NULL,
        format varchar(16) NOT NULL,
        file_name varchar(100) NOT NULL,
        media_type varchar(64) NOT NULL,
        content longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        bytes int NOT NULL,
        sha256 varchar(64) NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_payout_batch_files_format (batch_id, format)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query('ALTER TABLE payouts ADD COLUMN batch_id bigint NULL');
    await queryRunner.query('CREATE INDEX ix_payouts_batch ON payouts (batch_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_payouts_batch ON payouts');
    await queryRunner.query('ALTER TABLE payouts DROP COLUMN batch_id');
    await queryRunner.query('DROP TABLE payout_batch_files');
    await queryRunner.query('DROP TABLE payout_batches');
  }
}
