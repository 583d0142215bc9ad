import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Clicks1764200000000 implements MigrationInterface {
  name = 'Clicks1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE clicks (
        id varchar(26) NOT NULL PRIMARY KEY,
        user_id bigint NULL,
        visitor_id varchar(26) NULL,
        shop_id bigint NOT NULL,
        network_id bigint NOT NULL,
        created_at datetime NOT NULL,
        ip_trunc varchar(45) NULL,
        user_agent varchar(400) NULL
      )`);
    await queryRunner.query('CREATE INDEX ix_clicks_user ON clicks (user_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ix_clicks_visitor ON clicks (visitor_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE clicks');
  }
}
