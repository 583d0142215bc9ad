import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Same names as on MySQL/MariaDB; `ledger:verify` checks that all four exist (I6). */
const TRIGGERS = [
  ['ledger_transfers_no_update', 'UPDATE', 'ledger_transfers'],
  ['ledger_transfers_no_delete', 'DELETE', 'ledger_transfers'],
  ['ledger_entries_no_update', 'UPDATE', 'ledger_entries'],
  ['ledger_entries_no_delete', 'DELETE', 'ledger_entries'],
] as const;

/** The double-entry ledger (server/src/modules/ledger/README.md); see the MySQL twin for notes. */
export class Ledger1764300000000 implements MigrationInterface {
  name = 'Ledger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        id integer PRIMARY KEY AUTOINCREMENT,
        account_key varchar(96) NOT NULL,
        kind varchar(32) NOT NULL,
        user_id bigint NULL,
        network_id bigint NULL,
        currency varchar(3) NOT NULL,
        balance_minor bigint NOT NULL DEFAULT 0,
        created_at datetime NOT NULL,
        updated_at datetime NOT NULL,
        CONSTRAINT ck_ledger_accounts_sign CHECK (
          (kind NOT IN ('pending', 'available', 'payout_hold', 'paid_out') OR balance_minor >= 0)
          AND (kind <> 'debt' OR balance_minor <= 0))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX uq_ledger_accounts_key ON ledger_accounts (account_key)');
    await queryRunner.query('CREATE INDEX ix_ledger_accounts_user ON ledger_accounts (user_id)');
    await queryRunner.query(`
      CREATE TABLE ledger_transfers (
        id integer PRIMARY KEY AUTOINCREMENT,
        idempotency_key varchar(128) NOT NULL,
        code varchar(32) NOT NULL,
        currency varchar(3) NOT NULL,
        user_id bigint NULL,
        reference varchar(64) NULL,
        created_by varchar(64) NOT NULL,
        reason varchar(500) NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_ledger_transfers_idempotency ON ledger_transfers (idempotency_key)',
    );
    await queryRunner.query('CREATE INDEX ix_ledger_transfers_user ON ledger_transfers (user_id, id)');
    await queryRunner.query('CREATE INDEX ix_ledger_transfers_reference ON ledger_transfers (reference)');
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id integer PRIMARY KEY AUTOINCREMENT,
        transfer_id bigint NOT NULL,
        account_id bigint NOT NULL,
        user_id bigint NULL,
        amount_minor bigint NOT NULL,
        created_at datetime NOT NULL,
        CONSTRAINT ck_ledger_entries_amount CHECK (amount_minor <> 0)
      )`);
    await queryRunner.query('CREATE INDEX ix_ledger_entries_account ON ledger_entries (account_id, id)');
    await queryRunner.query('CREATE INDEX ix_ledger_entries_transfer ON ledger_entries (transfer_id)');
    for (const [name, event, table] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`,
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
