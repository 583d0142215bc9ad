import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Bank statement imports (the file's SHA-256 is UNIQUE: a file is imported once) and their lines. */
export class PayoutStatements1764940000000 implements MigrationInterface {
  name = 'PayoutStatements1764940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payout_statement_imports (
        id bigint NOT NULL AUTO_INCREMENT,
        format varchar(16) NOT NULL,
        file_name varchar(200) NULL,
        sha256 varchar(64) COLLATE utf8mb4_bin NOT NULL,
        line_count int NOT NULL,
        counts text NOT NULL,
        created_by bigint NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_payout_statement_imports_sha256 (sha256)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE payout_statement_lines (
        id bigint NOT NULL AUTO_INCREMENT,
        import_id bigint NOT NULL,
        line_no int NOT NULL,
        result varchar(24) NOT NULL,
        booking_date datetime(3) NULL,
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
        payout_currency varchar(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_payout_statement_lines_import_line (import_id, line_no),
        KEY ix_payout_statement_lines_payout (payout_id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payout_statement_lines');
    await queryRunner.query('DROP TABLE payout_statement_imports');
  }
}
