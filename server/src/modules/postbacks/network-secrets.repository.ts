import { IsNull, type EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { NetworkSecret } from './network-secret.entity.js';

export type NetworkSecretValues = Omit<NetworkSecret, 'id'>;

/** Every query of networks' postback credentials; each one names the network they belong to. */
export class NetworkSecretsRepository {
  constructor(private readonly database: Database) {}

  /** The network's credentials that are not revoked (expired ones included), in no set order. */
  unrevoked(networkId: string): Promise<NetworkSecret[]> {
    return this.database.manager.find(NetworkSecret, { where: { networkId, revokedAt: IsNull() } });
  }

  /** The network's credentials that are not revoked (expired ones included), oldest first. */
  listUnrevoked(networkId: string): Promise<NetworkSecret[]> {
    return this.database.manager.find(NetworkSecret, {
      where: { networkId, revokedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  insert(manager: EntityManager, values: NetworkSecretValues): Promise<NetworkSecret> {
    return manager.save(manager.create(NetworkSecret, values));
  }

  /**
   * The network's credential if it is not revoked, row-locked until the transaction ends
   * (MySQL/MariaDB; SQLite serialises writers). A credential of another network is not found.
   */
  findUnrevokedForUpdate(
    manager: EntityManager,
    networkId: string,
    secretId: string,
  ): Promise<NetworkSecret | null> {
    return this.database
      .forUpdate(
        manager
          .createQueryBuilder(NetworkSecret, 'secret')
          .where('secret.id = :secretId AND secret.network_id = :networkId AND secret.revoked_at IS NULL', {
            secretId,
            networkId,
          }),
      )
      .getOne();
  }

  async setExpiry(
    manager: EntityManager,
    networkId: string,
    secretId: string,
    expiresAt: Date,
  ): Promise<void> {
    await manager.update(NetworkSecret, { id: secretId, networkId }, { expiresAt });
  }
}
