import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row whose `version` goes up in the same transaction as every change to the catalogue
 * (networks, shops, cashback rules). Each app process reads it about once a second and reloads
 * its in-memory catalogue when it moved, so a change made through another process shows within
 * that bound (see server/src/modules/shops/README.md).
 */
export class CatalogueVersion1764810000000 implements MigrationInterface {
  name = 'CatalogueVersion1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalogue_version (
        id integer NOT NULL PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
      )`);
    await queryRunner.query('INSERT INTO catalogue_version (id, version) VALUES (1, 1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE catalogue_version');
  }
}
