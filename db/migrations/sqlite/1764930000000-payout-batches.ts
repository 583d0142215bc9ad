import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank exports: a batch of one currency's approved payouts, its files as they were made (so a
 * download is byte-identical however late), and each payout's batch (at most one).
 */
export class PayoutBatches1764930000000 implements MigrationInterface {
  name = 'PayoutBatches1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payout_batches (
        id integer PRIMARY KEY AUTOINCREMENT,
        currency varchar(3) NOT NULL,
        state varchar(16) NOT NULL,
        payout_count int NOT NULL,
        exported_count int NOT NULL,
        total_minor bigint NOT NULL,
        left_over int NOT NULL,
        skipped_json text NOT NULL,
        idempotency_key varchar(64) NOT NULL,
        request_hash varchar(64) NOT NULL,
        created_by bigint NOT NULL,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL,
        completed_at datetime NULL,
        CHECK (exported_count >= 0 AND exported_count <= payout_count)
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_payout_batches_idempotency ON payout_batches (created_by, idempotency_key)',
    );
    await queryRunner.query('CREATE INDEX ix_payout_batches_currency ON payout_batches (currency, id)');
    await queryRunner.query(`
      CREATE TABLE payout_batch_files (
        id integer PRIMARY KEY AUTOINCREMENT,
        batch_id bigint NOT NULL,
        format varchar(16) NOT NULL,
        file_name varchar(100) NOT NULL,
        media_type varchar(64) NOT NULL,
        content text NOT NULL,
        bytes int NOT NULL,
        sha256 varchar(64) NOT NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_payout_batch_files_format ON payout_batch_files (batch_id, format)',
    );
    await queryRunner.query('ALTER TABLE payouts ADD COLUMN batch_id bigint NULL');
    await queryRunner.query('CREATE INDEX ix_payouts_batch ON payouts (batch_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_payouts_batch');
    await queryRunner.query('ALTER TABLE payouts DROP COLUMN batch_id');
    await queryRunner.query('DROP TABLE payout_batch_files');
    await queryRunner.query('DROP TABLE payout_batches');
  }
}
