import { IsNull, type EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { ApiToken } from './api-token.entity.js';

export type ApiTokenValues = Omit<ApiToken, 'id'>;

/** Every query of personal access tokens; each one that reads or changes a token names its owner. */
export class ApiTokensRepository {
  constructor(private readonly database: Database) {}

  /** How many tokens the owner has not revoked (expired ones count until revoked). */
  countActive(manager: EntityManager, userId: string): Promise<number> {
    return manager.countBy(ApiToken, { userId, revokedAt: IsNull() });
  }

  insert(manager: EntityManager, values: ApiTokenValues): Promise<ApiToken> {
    return manager.save(manager.create(ApiToken, values));
  }

  /** The owner's tokens that are not revoked, newest first. */
  listActive(userId: string): Promise<ApiToken[]> {
    return this.database.manager.find(ApiToken, {
      where: { userId, revokedAt: IsNull() },
      order: { id: 'DESC' },
    });
  }

  /** The owner's token if it is not revoked; a token of another user is not found. */
  findActive(manager: EntityManager, userId: string, tokenId: string): Promise<ApiToken | null> {
    return manager.findOneBy(ApiToken, { id: tokenId, userId, revokedAt: IsNull() });
  }

  async revoke(manager: EntityManager, userId: string, tokenId: string, revokedAt: Date): Promise<void> {
    await manager.update(ApiToken, { id: tokenId, userId }, { revokedAt });
  }

  /**
   * The token presented as a secret, by its hash. The owner is not known yet here: the secret is
   * what identifies them, so this is the one lookup that cannot name a user.
   */
  findActiveByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.database.manager.findOneBy(ApiToken, { tokenHash, revokedAt: IsNull() });
  }

  /** Records when the owner's token was last used (its own statement, outside any transaction). */
  async markUsed(userId: string, tokenId: string, usedAt: Date): Promise<void> {
    await this.database.run((manager) =>
      manager.update(ApiToken, { id: tokenId, userId }, { lastUsedAt: usedAt }),
    );
  }
}
