import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'consent events are append-only'";

const TRIGGERS = [
  ['consent_events_no_update', 'UPDATE'],
  ['consent_events_no_delete', 'DELETE'],
] as const;

/**
 * The consent log becomes proof that holds: each event records which wording the shopper saw
 * (`text_version`), and triggers refuse to change or remove an event, as for the ledger. Events
 * written before this migration were given under the first wording, `2026-01`.
 */
export class LegalConsent1764820000000 implements MigrationInterface {
  name = 'LegalConsent1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE consent_events ADD COLUMN text_version varchar(32) NOT NULL DEFAULT '2026-01' AFTER source",
    );
    // The default only fills the existing rows: every new event states its own version.
    await queryRunner.query('ALTER TABLE consent_events ALTER COLUMN text_version DROP DEFAULT');
    // One statement each (TypeORM sends them one by one, so no DELIMITER is needed). With binary
    // logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1.
    for (const [name, event] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER ${name} BEFORE ${event} ON consent_events FOR EACH ROW ${APPEND_ONLY}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of TRIGGERS) await queryRunner.query(`DROP TRIGGER IF EXISTS ${name}`);
    await queryRunner.query('ALTER TABLE consent_events DROP COLUMN text_version');
  }
}
