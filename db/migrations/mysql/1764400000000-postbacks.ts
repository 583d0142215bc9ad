import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Postbacks1764400000000 implements MigrationInterface {
  name = 'Postbacks1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE network_secrets (
        id bigint NOT NULL AUTO_INCREMENT,
        network_id bigint NOT NULL,
        kind varchar(16) NOT NULL,
        label varchar(60) NOT NULL,
        sealed_secret text NULL,
        token_hash varchar(64) NULL,
        created_at datetime(3) NOT NULL,
        expires_at datetime(3) NULL,
        revoked_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_network_secrets_network (network_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE postback_inbox (
        id bigint NOT NULL AUTO_INCREMENT,
        network_id bigint NOT NULL,
        received_at datetime(3) NOT NULL,
        method varchar(8) NOT NULL,
        source_ip varchar(45) NULL,
        headers text NOT NULL,
        query text NOT NULL,
        body mediumtext NOT NULL,
        verified tinyint(1) NOT NULL,
        outcome varchar(24) NULL,
        http_status int NULL,
        error_code varchar(48) NULL,
        conversion_id bigint NULL,
        processed_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_postback_inbox_network (network_id, id),
        KEY ix_postback_inbox_received (received_at),
        KEY ix_postback_inbox_conversion (conversion_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE conversions (
        id bigint NOT NULL AUTO_INCREMENT,
        network_id bigint NOT NULL,
        external_order_id varchar(128) NOT NULL,
        click_id varchar(26) NULL,
        user_id bigint NULL,
        shop_id bigint NULL,
        rule_id bigint NULL,
        currency varchar(3) NOT NULL,
        order_amount_minor bigint NOT NULL,
        commission_minor bigint NOT NULL,
        share_minor bigint NOT NULL,
        state varchar(16) NOT NULL,
        attribution varchar(16) NOT NULL,
        ledger_state varchar(16) NOT NULL,
        ledger_commission_minor bigint NOT NULL,
        ledger_share_minor bigint NOT NULL,
        settled tinyint(1) NOT NULL,
        revision int NOT NULL,
        occurred_at datetime(3) NULL,
        clicked_at datetime(3) NULL,
        expected_confirmation_at datetime(3) NULL,
        network_reason varchar(500) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_conversions_order (network_id, external_order_id),
        KEY ix_conversions_user (user_id, created_at, id),
        KEY ix_conversions_attribution (attribution, created_at),
        KEY ix_conversions_click (click_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE conversion_events (
        id bigint NOT NULL AUTO_INCREMENT,
        conversion_id bigint NOT NULL,
        user_id bigint NULL,
        revision int NOT NULL,
        state varchar(16) NOT NULL,
        order_amount_minor bigint NOT NULL,
        commission_minor bigint NOT NULL,
        share_minor bigint NOT NULL,
        reason varchar(500) NULL,
        source varchar(16) NOT NULL,
        inbox_id bigint NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_conversion_events_revision (conversion_id, revision),
        KEY ix_conversion_events_user (user_id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['conversion_events', 'conversions', 'postback_inbox', 'network_secrets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
