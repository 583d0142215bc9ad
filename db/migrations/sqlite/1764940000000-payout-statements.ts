import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bank statement imports (the file's SHA-256 is UNIQUE: a file is imported once) and their lines. */
export class PayoutStatements1764940000000 implements MigrationInterface {
  name = 'PayoutStatements1764940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payout_statement_imports (
        id integer PRIMARY KEY AUTOINCREMENT,
        format varchar(16) NOT NULL,
        file_name varchar(200) NULL,
        sha256 varchar(64) NOT NULL,
        line_count int NOT NULL,
        counts text NOT NULL,
        created_by bigint NOT NULL,
        created_at datetime NOT NULL
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_payout_statement_imports_sha256 ON payout_statement_imports (sha256)',
    );
    await queryRunner.query(`
      CREATE TABLE payout_statement_lines (
        id integer PRIMARY KEY AUTOINCREMENT,
        import_id bigint NOT NULL,
        line_no int NOT NULL,
        result varchar(24) NOT NULL,
        booking_date datetime NULL,
        amount_minor bigint NOT NULL,
        currency varchar(3) NOT NULL,
        counter_account varchar(60) NULL,
        variable_symbol varchar(10) NULL,
        end_to_end_id varchar(35) NULL,
        message varchar(500) NULL,
        bank_reference varchar(64) NULL,
        payout_id bigint NULL,
        payout_state varchar(16) NULL,
        payout_amount_minor bigint NULL,
        payout_currency varchar(3) NULL
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_payout_statement_lines_import_line ON payout_statement_lines (import_id, line_no)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_payout_statement_lines_payout ON payout_statement_lines (payout_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payout_statement_lines');
    await queryRunner.query('DROP TABLE payout_statement_imports');
  }
}
