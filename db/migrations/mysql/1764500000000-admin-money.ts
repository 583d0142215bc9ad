import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff views of the money path: conversions newest first across all shoppers
 * (keyset on created_at, id), and each network's latest postbacks (network health).
 */
export class AdminMoney1764500000000 implements MigrationInterface {
  name = 'AdminMoney1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversions ADD KEY ix_conversions_created (created_at, id)`);
    await queryRunner.query(
      `ALTER TABLE postback_inbox ADD KEY ix_postback_inbox_network_received (network_id, received_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE postback_inbox DROP KEY ix_postback_inbox_network_received`);
    await queryRunner.query(`ALTER TABLE conversions DROP KEY ix_conversions_created`);
  }
}
