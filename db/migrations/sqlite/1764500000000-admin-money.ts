import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff views of the money path: conversions newest first across all shoppers
 * (keyset on created_at, id), and each network's latest postbacks (network health).
 */
export class AdminMoney1764500000000 implements MigrationInterface {
  name = 'AdminMoney1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_conversions_created ON conversions (created_at, id)`);
    await queryRunner.query(
      `CREATE INDEX ix_postback_inbox_network_received ON postback_inbox (network_id, received_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_postback_inbox_network_received`);
    await queryRunner.query(`DROP INDEX ix_conversions_created`);
  }
}
