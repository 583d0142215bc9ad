import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGERS = [
  ['consent_events_no_update', 'UPDATE'],
  ['consent_events_no_delete', 'DELETE'],
] as const;

/** The consent log's text version and append-only triggers; see the MySQL twin for notes. */
export class LegalConsent1764820000000 implements MigrationInterface {
  name = 'LegalConsent1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite adds a NOT NULL column only with a default; it fills the existing rows, and the
    // application states the version on every new event.
    await queryRunner.query(
      "ALTER TABLE consent_events ADD COLUMN text_version varchar(32) NOT NULL DEFAULT '2026-01'",
    );
    for (const [name, event] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER ${name} BEFORE ${event} ON consent_events BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of TRIGGERS) await queryRunner.query(`DROP TRIGGER IF EXISTS ${name}`);
    await queryRunner.query('ALTER TABLE consent_events DROP COLUMN text_version');
  }
}
