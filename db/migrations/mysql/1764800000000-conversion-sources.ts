import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversions record where each revision came from in their own terms — a source kind (`postback`,
 * `claim`, `report`, `admin`), the caller's reference and the actor — instead of a postback inbox
 * id. A replayed postback is a postback whose actor is `replay:<inbox id>`.
 */
export class ConversionSources1764800000000 implements MigrationInterface {
  name = 'ConversionSources1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE conversion_events ADD COLUMN source_ref varchar(64) NULL');
    await queryRunner.query("ALTER TABLE conversion_events ADD COLUMN actor varchar(64) NOT NULL DEFAULT ''");
    await queryRunner.query(
      `UPDATE conversion_events SET
         source_ref = CAST(inbox_id AS CHAR),
         actor = CASE WHEN inbox_id IS NULL THEN source ELSE CONCAT(source, ':', inbox_id) END`,
    );
    await queryRunner.query("UPDATE conversion_events SET source = 'postback' WHERE source = 'replay'");
    await queryRunner.query('ALTER TABLE conversion_events DROP COLUMN inbox_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE conversion_events ADD COLUMN inbox_id bigint NULL');
    await queryRunner.query(
      `UPDATE conversion_events SET inbox_id = CAST(source_ref AS SIGNED) WHERE source = 'postback'`,
    );
    await queryRunner.query(
      "UPDATE conversion_events SET source = 'replay' WHERE source = 'postback' AND actor LIKE 'replay:%'",
    );
    await queryRunner.query('ALTER TABLE conversion_events DROP COLUMN actor');
    await queryRunner.query('ALTER TABLE conversion_events DROP COLUMN source_ref');
  }
}
