import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Accounts1764100000000 implements MigrationInterface {
  name = 'Accounts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Session ids are stored as SHA-256 hashes: a leaked table does not hand out live sessions.
    await queryRunner.query(`
      CREATE TABLE sessions (
        id varchar(64) NOT NULL,
        user_id bigint NULL,
        data text NOT NULL,
        created_at datetime(3) NOT NULL,
        last_seen_at datetime(3) NOT NULL,
        expires_at datetime(3) NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL,
        PRIMARY KEY (id),
        KEY ix_sessions_user (user_id),
        KEY ix_sessions_expires (expires_at)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE user_identities (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        provider varchar(16) NOT NULL,
        subject varchar(255) NOT NULL,
        email varchar(254) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_user_identities_subject (provider, subject),
        KEY ix_user_identities_user (user_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE consent_events (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        category varchar(32) NOT NULL,
        granted tinyint(1) NOT NULL,
        source varchar(32) NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_consent_events_user (user_id, category, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint NOT NULL AUTO_INCREMENT,
        actor_user_id bigint NULL,
        subject_user_id bigint NULL,
        actor_kind varchar(16) NOT NULL,
        action varchar(48) NOT NULL,
        ip varchar(45) NULL,
        user_agent varchar(400) NULL,
        before_json text NULL,
        after_json text NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_audit_log_subject (subject_user_id, id),
        KEY ix_audit_log_created (created_at)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NOT NULL,
        name varchar(60) NOT NULL,
        token_hash varchar(64) NOT NULL,
        prefix varchar(16) NOT NULL,
        scopes varchar(64) NOT NULL,
        created_at datetime(3) NOT NULL,
        last_used_at datetime(3) NULL,
        expires_at datetime(3) NULL,
        revoked_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_api_tokens_hash (token_hash),
        KEY ix_api_tokens_user (user_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE used_link_tokens (
        token_hash varchar(64) NOT NULL,
        purpose varchar(32) NOT NULL,
        user_id bigint NOT NULL,
        used_at datetime(3) NOT NULL,
        PRIMARY KEY (token_hash),
        KEY ix_used_link_tokens_user (user_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id bigint NOT NULL AUTO_INCREMENT,
        user_id bigint NULL,
        category varchar(32) NOT NULL,
        to_address varchar(254) NOT NULL,
        subject varchar(300) NOT NULL,
        text_body mediumtext NOT NULL,
        html_body mediumtext NULL,
        headers text NOT NULL,
        created_at datetime(3) NOT NULL,
        next_attempt_at datetime(3) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        sent_at datetime(3) NULL,
        last_error varchar(500) NULL,
        PRIMARY KEY (id),
        KEY ix_mail_outbox_pending (sent_at, next_attempt_at),
        KEY ix_mail_outbox_user (user_id)
      ) ${TABLE_OPTIONS}`);
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
