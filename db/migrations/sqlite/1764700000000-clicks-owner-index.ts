import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One secondary index on clicks instead of two: `(user_id, visitor_id, created_at, id)` serves both
 * "my clicks" (user_id = ?, visitor_id IS NULL) and attaching a visitor's clicks at login
 * (user_id IS NULL, visitor_id = ?), because a shopper's click never keeps a visitor link.
 */
export class ClicksOwnerIndex1764700000000 implements MigrationInterface {
  name = 'ClicksOwnerIndex1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Clicks attached at login before this release kept their visitor link; it is not needed.
    await queryRunner.query(
      'UPDATE clicks SET visitor_id = NULL WHERE user_id IS NOT NULL AND visitor_id IS NOT NULL',
    );
    await queryRunner.query('DROP INDEX ix_clicks_user');
    await queryRunner.query('DROP INDEX ix_clicks_visitor');
    await queryRunner.query('CREATE INDEX ix_clicks_owner ON clicks (user_id, visitor_id, created_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_clicks_owner');
    await queryRunner.query('CREATE INDEX ix_clicks_user ON clicks (user_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ix_clicks_visitor ON clicks (visitor_id, created_at)');
  }
}
