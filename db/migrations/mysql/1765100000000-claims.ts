import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Claims1765100000000 implements MigrationInterface {
  name = 'Claims1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The order number is compared as conversions compare `external_order_id` (the table's collation).
    await queryRunner.query(`
      CREATE TABLE claims (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        shop_id bigint NOT NULL,
        network_id bigint NOT NULL,
        click_id varchar(26) NOT NULL,
        clicked_at datetime(3) NOT NULL,
        order_number varchar(128) NOT NULL,
        order_date varchar(10) NOT NULL,
        order_amount_minor bigint NOT NULL,
        currency varchar(3) NOT NULL,
        note varchar(1000) NULL,
        state varchar(16) NOT NULL,
        reason varchar(500) NULL,
        conversion_id bigint NULL,
        deadline_at datetime(3) NOT NULL,
        decided_by bigint NULL,
        decided_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        revision int NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_claims_order (network_id, order_number),
        KEY ix_claims_user (user_id, created_at, id),
        KEY ix_claims_queue (state, created_at, id),
        CONSTRAINT ck_claims_amount CHECK (order_amount_minor > 0)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE claim_messages (
        id bigint NOT NULL AUTO_INCREMENT,
        claim_id bigint NOT NULL,
        author varchar(16) NOT NULL,
        author_user_id bigint NOT NULL,
        body varchar(2000) NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_claim_messages_claim (claim_id, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE claim_proofs (
        id bigint NOT NULL AUTO_INCREMENT,
        claim_id bigint NOT NULL,
        user_id bigint NOT NULL,
        file_name varchar(200) NOT NULL,
        content_type varchar(40) NOT NULL,
        size_bytes int NOT NULL,
        sha256 varchar(64) NOT NULL,
        storage_key varchar(64) NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_claim_proofs_claim (claim_id, id),
        UNIQUE KEY uq_claim_proofs_storage (storage_key)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE claim_shop_settings (
        shop_id bigint NOT NULL,
        claim_after_days int NOT NULL,
        updated_by bigint NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (shop_id),
        CONSTRAINT ck_claim_shop_settings_days CHECK (claim_after_days >= 0)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE claim_shop_settings');
    await queryRunner.query('DROP TABLE claim_proofs');
    await queryRunner.query('DROP TABLE claim_messages');
    await queryRunner.query('DROP TABLE claims');
  }
}
