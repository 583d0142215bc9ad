import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE markets (
        code varchar(2) NOT NULL PRIMARY KEY,
        country_code varchar(2) NOT NULL,
        currency varchar(3) NOT NULL,
        language varchar(5) NOT NULL,
        minimum_payout_minor bigint NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO markets (code, country_code, currency, language, minimum_payout_minor) VALUES
        ('cz', 'CZ', 'CZK', 'cs', 20000),
        ('sk', 'SK', 'EUR', 'sk', 1000)`);

    await queryRunner.query(`
      CREATE TABLE networks (
        id integer PRIMARY KEY AUTOINCREMENT,
        slug varchar(64) NOT NULL,
        name varchar(120) NOT NULL,
        kind varchar(32) NOT NULL,
        settings text NOT NULL,
        is_active boolean NOT NULL DEFAULT 1,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_networks_slug ON networks (slug)`);

    await queryRunner.query(`
      CREATE TABLE shops (
        id integer PRIMARY KEY AUTOINCREMENT,
        slug varchar(80) NOT NULL,
        market_code varchar(2) NOT NULL REFERENCES markets (code),
        network_id bigint NOT NULL REFERENCES networks (id),
        name varchar(120) NOT NULL,
        logo_url varchar(500) NULL,
        description text NOT NULL,
        categories text NOT NULL,
        tracking_template varchar(2000) NOT NULL,
        deep_link_hosts text NOT NULL,
        conditions text NOT NULL,
        confirmation_days integer NOT NULL,
        is_active boolean NOT NULL DEFAULT 1,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_shops_slug ON shops (slug)`);
    await queryRunner.query(`CREATE INDEX ix_shops_catalogue ON shops (market_code, is_active, name, id)`);

    await queryRunner.query(`
      CREATE TABLE cashback_rules (
        id integer PRIMARY KEY AUTOINCREMENT,
        shop_id bigint NOT NULL REFERENCES shops (id),
        category varchar(64) NULL,
        kind varchar(32) NOT NULL,
        rate_bp integer NULL,
        fixed_minor bigint NULL,
        currency varchar(3) NULL,
        valid_from datetime NULL,
        valid_to datetime NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_cashback_rules_shop ON cashback_rules (shop_id, valid_from)`);

    await queryRunner.query(`
      CREATE TABLE users (
        id integer PRIMARY KEY AUTOINCREMENT,
        email varchar(254) NOT NULL,
        email_verified_at datetime NULL,
        password_hash varchar(255) NULL,
        role varchar(16) NOT NULL,
        market_code varchar(2) NOT NULL REFERENCES markets (code),
        language varchar(5) NOT NULL,
        display_name varchar(120) NULL,
        adult_confirmed_at datetime NULL,
        terms_version varchar(32) NULL,
        terms_accepted_at datetime NULL,
        privacy_version varchar(32) NULL,
        privacy_accepted_at datetime NULL,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_users_email ON users (email)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['users', 'cashback_rules', 'shops', 'networks', 'markets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
