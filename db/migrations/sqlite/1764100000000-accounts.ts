import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764100000000 implements MigrationInterface {
  name = 'Accounts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Session ids are stored as SHA-256 hashes: a leaked table does not hand out live sessions.
    await queryRunner.query(`
      CREATE TABLE sessions (
        id varchar(64) NOT NULL PRIMARY KEY,
        user_id bigint NULL,
        data text NOT NULL,
        created_at datetime NOT NULL,
        last_seen_at datetime NOT NULL,
        expires_at datetime NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_sessions_user ON sessions (user_id)`);
    await queryRunner.query(`CREATE INDEX ix_sessions_expires ON sessions (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE user_identities (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        provider varchar(16) NOT NULL,
        subject varchar(255) NOT NULL,
        email varchar(254) NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_user_identities_subject ON user_identities (provider, subject)`,
    );
    await queryRunner.query(`CREATE INDEX ix_user_identities_user ON user_identities (user_id)`);
    await queryRunner.query(`
      CREATE TABLE consent_events (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        category varchar(32) NOT NULL,
        granted boolean NOT NULL,
        source varchar(32) NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_consent_events_user ON consent_events (user_id, category, id)`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id integer PRIMARY KEY AUTOINCREMENT,
        actor_user_id bigint NULL,
        subject_user_id bigint NULL,
        actor_kind varchar(16) NOT NULL,
        action varchar(48) NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL,
        before_json text NULL,
        after_json text NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_subject ON audit_log (subject_user_id, id)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_created ON audit_log (created_at)`);
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NOT NULL,
        name varchar(60) NOT NULL,
        token_hash varchar(64) NOT NULL,
        prefix varchar(16) NOT NULL,
        scopes varchar(64) NOT NULL,
        created_at datetime NOT NULL,
        last_used_at datetime NULL,
        expires_at datetime NULL,
        revoked_at datetime NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_api_tokens_hash ON api_tokens (token_hash)`);
    await queryRunner.query(`CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)`);
    await queryRunner.query(`
      CREATE TABLE used_link_tokens (
        token_hash varchar(64) NOT NULL PRIMARY KEY,
        purpose varchar(32) NOT NULL,
        user_id bigint NOT NULL,
        used_at datetime NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_used_link_tokens_user ON used_link_tokens (user_id)`);
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id integer PRIMARY KEY AUTOINCREMENT,
        user_id bigint NULL,
        category varchar(32) NOT NULL,
        to_address varchar(254) NOT NULL,
        subject varchar(300) NOT NULL,
        text_body text NOT NULL,
        html_body text NULL,
        headers text NOT NULL,
        created_at datetime NOT NULL,
        next_attempt_at datetime NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        sent_at datetime NULL,
        last_error varchar(500) NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_mail_outbox_pending ON mail_outbox (sent_at, next_attempt_at)`);
    await queryRunner.query(`CREATE INDEX ix_mail_outbox_user ON mail_outbox (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'mail_outbox',
      'used_link_tokens',
      'api_tokens',
      'audit_log',
      'consent_events',
      'user_identities',
      'sessions',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
