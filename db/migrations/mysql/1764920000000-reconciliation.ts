import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Network report imports with their diff lines, and settlements (the network paid us). */
export class Reconciliation1764920000000 implements MigrationInterface {
  name = 'Reconciliation1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reconciliation_imports (
        id bigint NOT NULL AUTO_INCREMENT,
        network_id bigint NOT NULL,
        format varchar(16) NOT NULL,
        file_name varchar(200) NULL,
        period_from datetime(3) NULL,
        period_to datetime(3) NULL,
        line_count int NOT NULL,
        created_by bigint NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_reconciliation_imports_network (network_id, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE reconciliation_lines (
        id bigint NOT NULL AUTO_INCREMENT,
        import_id bigint NOT NULL,
        line_no int NOT NULL,
        kind varchar(24) NOT NULL,
        order_id varchar(128) NOT NULL,
        click_id varchar(64) NULL,
        conversion_id bigint NULL,
        currency varchar(3) NOT NULL,
        report_state varchar(16) NULL,
        report_order_amount_minor bigint NULL,
        report_commission_minor bigint NULL,
        our_state varchar(16) NULL,
        our_order_amount_minor bigint NULL,
        our_commission_minor bigint NULL,
        occurred_at datetime(3) NULL,
        reason varchar(500) NULL,
        applied_at datetime(3) NULL,
        applied_by bigint NULL,
        outcome varchar(200) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_reconciliation_lines_import_line (import_id, line_no)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE reconciliation_settlements (
        id bigint NOT NULL AUTO_INCREMENT,
        network_id bigint NOT NULL,
        currency varchar(3) NOT NULL,
        amount_minor bigint NOT NULL,
        expected_minor bigint NOT NULL,
        paid_at datetime(3) NOT NULL,
        note varchar(500) NULL,
        conversion_ids mediumtext NOT NULL,
        idempotency_key varchar(64) COLLATE utf8mb4_bin NOT NULL,
        request_hash varchar(64) NOT NULL,
        created_by bigint NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_reconciliation_settlements_network (network_id, id),
        UNIQUE KEY ux_reconciliation_settlements_key (idempotency_key)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE reconciliation_settlements');
    await queryRunner.query('DROP TABLE reconciliation_lines');
    await queryRunner.query('DROP TABLE reconciliation_imports');
  }
}
