import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Clicks1764200000000 implements MigrationInterface {
  name = 'Clicks1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The id is the pseudonymous click id sent to networks as the sub-ID (26 chars, base32).
    await queryRunner.query(`
      CREATE TABLE clicks (
        id varchar(26) NOT NULL,
        user_id bigint NULL,
        visitor_id varchar(26) NULL,
        shop_id bigint NOT NULL,
        network_id bigint NOT NULL,
        created_at datetime(3) NOT NULL,
        ip_trunc varchar(45) NULL,
        user_agent varchar(400) NULL,
        PRIMARY KEY (id),
        KEY ix_clicks_user (user_id, created_at, id),
        KEY ix_clicks_visitor (visitor_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE clicks');
  }
}
