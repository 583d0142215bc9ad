import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE markets (
        code varchar(2) NOT NULL,
        country_code varchar(2) NOT NULL,
        currency varchar(3) NOT NULL,
        language varchar(5) NOT NULL,
        minimum_payout_minor bigint NOT NULL,
        PRIMARY KEY (code)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      INSERT INTO markets (code, country_code, currency, language, minimum_payout_minor) VALUES
        ('cz', 'CZ', 'CZK', 'cs', 20000),
        ('sk', 'SK', 'EUR', 'sk', 1000)`);

    await queryRunner.query(`
      CREATE TABLE networks (
        id bigint NOT NULL AUTO_INCREMENT,
        slug varchar(64) NOT NULL,
        name varchar(120) NOT NULL,
        kind varchar(32) NOT NULL,
        settings text NOT NULL,
        is_active tinyint(1) NOT NULL DEFAULT 1,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_networks_slug (slug)
      ) ${TABLE_OPTIONS}`);

    await queryRunner.query(`
      CREATE TABLE shops (
        id bigint NOT NULL AUTO_INCREMENT,
        slug varchar(80) NOT NULL,
        market_code varchar(2) NOT NULL,
        network_id bigint NOT NULL,
        name varchar(120) NOT NULL,
        logo_url varchar(500) NULL,
        description text NOT NULL,
        categories text NOT NULL,
        tracking_template varchar(2000) NOT NULL,
        deep_link_hosts text NOT NULL,
        conditions text NOT NULL,
        confirmation_days int NOT NULL,
        is_active tinyint(1) NOT NULL DEFAULT 1,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_shops_slug (slug),
        KEY ix_shops_catalogue (market_code, is_active, name, id),
        CONSTRAINT fk_shops_market FOREIGN KEY (market_code) REFERENCES markets (code),
        CONSTRAINT fk_shops_network FOREIGN KEY (network_id) REFERENCES networks (id)
      ) ${TABLE_OPTIONS}`);

    await queryRunner.query(`
      CREATE TABLE cashback_rules (
        id bigint NOT NULL AUTO_INCREMENT,
        shop_id bigint NOT NULL,
        category varchar(64) NULL,
        kind varchar(32) NOT NULL,
        rate_bp int NULL,
        fixed_minor bigint NULL,
        currency varchar(3) NULL,
        valid_from datetime(3) NULL,
        valid_to datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_cashback_rules_shop (shop_id, valid_from),
        CONSTRAINT fk_cashback_rules_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
      ) ${TABLE_OPTIONS}`);

    await queryRunner.query(`
      CREATE TABLE users (
        id bigint NOT NULL AUTO_INCREMENT,
        email varchar(254) NOT NULL,
        email_verified_at datetime(3) NULL,
        password_hash varchar(255) NULL,
        role varchar(16) NOT NULL,
        market_code varchar(2) NOT NULL,
        language varchar(5) NOT NULL,
        display_name varchar(120) NULL,
        adult_confirmed_at datetime(3) NULL,
        terms_version varchar(32) NULL,
        terms_accepted_at datetime(3) NULL,
        privacy_version varchar(32) NULL,
        privacy_accepted_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_users_email (email),
        CONSTRAINT fk_users_market FOREIGN KEY (market_code) REFERENCES markets (code)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['users', 'cashback_rules', 'shops', 'networks', 'markets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
