import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Postbacks1764400000000 implements MigrationInterface {
  name = 'Postbacks1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE network_secrets (
        id integer PRIMARY KEY AUTOINCREMENT,
        network_id bigint NOT NULL,
        kind varchar(16) NOT NULL,
        label varchar(60) NOT NULL,
        sealed_secret text NULL,
        token_hash varchar(64) NULL,
        created_at datetime NOT NULL,
        expires_at datetime NULL,
        revoked_at datetime NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_network_secrets_network ON network_secrets (network_id)`);
    await queryRunner.query(`
      CREATE TABLE postback_inbox (
        id integer PRIMARY KEY AUTOINCREMENT,
        network_id bigint NOT NULL,
        received_at datetime NOT NULL,
        method varchar(8) NOT NULL,
        source_ip varchar(45) NULL,
        headers text NOT NULL,
        query text NOT NULL,
        body text NOT NULL,
        verified boolean NOT NULL,
        outcome varchar(24) NULL,
        http_status int NULL,
        error_code varchar(48) NULL,
        conversion_id bigint NULL,
        processed_at datetime NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_postback_inbox_network ON postback_inbox (network_id, id)`);
    await queryRunner.query(`CREATE INDEX ix_postback_inbox_received ON postback_inbox (received_at)`);
    await queryRunner.query(`CREATE INDEX ix_postback_inbox_conversion ON postback_inbox (conversion_id)`);
    await queryRunner.query(`
      CREATE TABLE conversions (
        id integer PRIMARY KEY AUTOINCREMENT,
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
        settled boolean NOT NULL,
        revision int NOT NULL,
        occurred_at datetime NULL,
        clicked_at datetime NULL,
        expected_confirmation_at datetime NULL,
        network_reason varchar(500) NULL,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_conversions_order ON conversions (network_id, external_order_id)`,
    );
    await queryRunner.query(`CREATE INDEX ix_conversions_user ON conversions (user_id, created_at, id)`);
    await queryRunner.query(
      `CREATE INDEX ix_conversions_attribution ON conversions (attribution, created_at)`,
    );
    await queryRunner.query(`CREATE INDEX ix_conversions_click ON conversions (click_id)`);
    await queryRunner.query(`
      CREATE TABLE conversion_events (
        id integer PRIMARY KEY AUTOINCREMENT,
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
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_conversion_events_revision ON conversion_events (conversion_id, revision)`,
    );
    await queryRunner.query(`CREATE INDEX ix_conversion_events_user ON conversion_events (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['conversion_events', 'conversions', 'postback_inbox', 'network_secrets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
