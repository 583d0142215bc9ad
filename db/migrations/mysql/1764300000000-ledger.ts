import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const APPEND_ONLY = "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger rows are append-only'";

/** Trigger names are part of the contract: `ledger:verify` checks that all four exist (I6). */
const TRIGGERS = [
  ['ledger_transfers_no_update', 'UPDATE', 'ledger_transfers'],
  ['ledger_transfers_no_delete', 'DELETE', 'ledger_transfers'],
  ['ledger_entries_no_update', 'UPDATE', 'ledger_entries'],
  ['ledger_entries_no_delete', 'DELETE', 'ledger_entries'],
] as const;

/**
 * The double-entry ledger (server/src/modules/ledger/README.md). Keys are binary-collated so that
 * uniqueness is byte-exact as on SQLite (the default collation would make `Key` and `key` collide).
 * No foreign keys: system accounts are shared by every user, and user rows will be sharded by
 * `user_id`; `ledger:verify` checks the references instead.
 */
export class Ledger1764300000000 implements MigrationInterface {
  name = 'Ledger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        id bigint NOT NULL AUTO_INCREMENT,
        account_key varchar(96) COLLATE utf8mb4_bin NOT NULL,
        kind varchar(32) NOT NULL,
        user_id bigint NULL,
        network_id bigint NULL,
        currency varchar(3) NOT NULL,
        balance_minor bigint NOT NULL DEFAULT 0,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_ledger_accounts_key (account_key),
        KEY ix_ledger_accounts_user (user_id),
        CONSTRAINT ck_ledger_accounts_sign CHECK (
          (kind NOT IN ('pending', 'available', 'payout_hold', 'paid_out') OR balance_minor >= 0)
          AND (kind <> 'debt' OR balance_minor <= 0))
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE ledger_transfers (
        id bigint NOT NULL AUTO_INCREMENT,
        idempotency_key varchar(128) COLLATE utf8mb4_bin NOT NULL,
        code varchar(32) NOT NULL,
        currency varchar(3) NOT NULL,
        user_id bigint NULL,
        reference varchar(64) NULL,
        created_by varchar(64) NOT NULL,
        reason varchar(500) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_ledger_transfers_idempotency (idempotency_key),
        KEY ix_ledger_transfers_user (user_id, id),
        KEY ix_ledger_transfers_reference (reference)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id bigint NOT NULL AUTO_INCREMENT,
        transfer_id bigint NOT NULL,
        account_id bigint NOT NULL,
        user_id bigint NULL,
        amount_minor bigint NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_ledger_entries_account (account_id, id),
        KEY ix_ledger_entries_transfer (transfer_id),
        CONSTRAINT ck_ledger_entries_amount CHECK (amount_minor <> 0)
      ) ${TABLE_OPTIONS}`);
    // One statement each (TypeORM sends them one by one, so no DELIMITER is needed). With binary
    // logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1.
    for (const [name, event, table] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW ${APPEND_ONLY}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of TRIGGERS) await queryRunner.query(`DROP TRIGGER IF EXISTS ${name}`);
    for (const table of ['ledger_entries', 'ledger_transfers', 'ledger_accounts']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
