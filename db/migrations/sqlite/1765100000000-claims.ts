import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Claims1765100000000 implements MigrationInterface {
  name = 'Claims1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claims (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        shop_id bigint NOT NULL,
        network_id bigint NOT NULL,
        click_id varchar(26) NOT NULL,
        clicked_at datetime NOT NULL,
        order_number varchar(128) NOT NULL,
        order_date varchar(10) NOT NULL,
        order_amount_minor bigint NOT NULL CHECK (order_amount_minor > 0),
        currency varchar(3) NOT NULL,
        note varchar(1000) NULL,
        state varchar(16) NOT NULL,
        reason varchar(500) NULL,
        conversion_id bigint NULL,
        deadline_at datetime NOT NULL,
        decided_by bigint NULL,
        decided_at datetime NULL,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL,
        revision int NOT NULL
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX uq_claims_order ON claims (network_id, order_number)');
    await queryRunner.query('CREATE INDEX ix_claims_user ON claims (user_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ix_claims_queue ON claims (state, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE claim_messages (
        id integer PRIMARY KEY AUTOINCREMENT,
        claim_id bigint NOT NULL,
        author varchar(16) NOT NULL,
        author_user_id bigint NOT NULL,
        body varchar(2000) NOT NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX ix_claim_messages_claim ON claim_messages (claim_id, id)');
    await queryRunner.query(`
      CREATE TABLE claim_proofs (
        id integer PRIMARY KEY AUTOINCREMENT,
        claim_id bigint NOT NULL,
        user_id bigint NOT NULL,
        file_name varchar(200) NOT NULL,
        content_type varchar(40) NOT NULL,
        size_bytes int NOT NULL,
        sha256 varchar(64) NOT NULL,
        storage_key varchar(64) NOT NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX ix_claim_proofs_claim ON claim_proofs (claim_id, id)');
    await queryRunner.query('CREATE UNIQUE INDEX uq_claim_proofs_storage ON claim_proofs (storage_key)');
    await queryRunner.query(`
      CREATE TABLE claim_shop_settings (
        shop_id bigint PRIMARY KEY NOT NULL,
        claim_after_days int NOT NULL CHECK (claim_after_days >= 0),
        updated_by bigint NULL,
        updated_at datetime NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE claim_shop_settings');
    await queryRunner.query('DROP TABLE claim_proofs');
    await queryRunner.query('DROP TABLE claim_messages');
    await queryRunner.query('DROP TABLE claims');
  }
}
