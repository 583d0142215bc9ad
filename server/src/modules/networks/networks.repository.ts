import { In, MoreThan, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { Network } from './network.entity.js';

export type NetworkValues = Omit<Network, 'id'>;

export class NetworksRepository {
  constructor(private readonly database: Database) {}

  findBySlug(slug: string, manager: EntityManager = this.database.manager): Promise<Network | null> {
    return manager.findOneBy(Network, { slug });
  }

  /** The network, row-locked until the transaction ends (MySQL/MariaDB; SQLite serialises writers). */
  findBySlugForUpdate(manager: EntityManager, slug: string): Promise<Network | null> {
    return this.database
      .forUpdate(manager.createQueryBuilder(Network, 'network').where('network.slug = :slug', { slug }))
      .getOne();
  }

  /** Every network, by slug (a short list: networks are a handful). */
  all(): Promise<Network[]> {
    return this.database.manager.find(Network, { order: { slug: 'ASC' } });
  }

  async activeIds(): Promise<string[]> {
    const networks = await this.database.manager.find(Network, {
      select: { id: true },
      where: { isActive: true },
    });
    return networks.map((network) => network.id);
  }

  findByIds(ids: string[], manager: EntityManager = this.database.manager): Promise<Network[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Network, { id: In([...new Set(ids)]) });
  }

  findById(id: string, manager: EntityManager = this.database.manager): Promise<Network | null> {
    return manager.findOneBy(Network, { id });
  }

  findActiveBySlug(slug: string): Promise<Network | null> {
    return this.database.manager.findOneBy(Network, { slug, isActive: true });
  }

  /** Slugs by id, for showing shops by their network's slug. */
  async slugsById(
    ids: string[],
    manager: EntityManager = this.database.manager,
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const networks = await manager.find(Network, {
      select: { id: true, slug: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(networks.map((network) => [network.id, network.slug]));
  }

  /** Ordered by slug, at most `limit + 1` rows (the +1 says "more"). */
  page(limit: number, afterSlug: string | undefined): Promise<Network[]> {
    return this.database.manager.find(Network, {
      where: afterSlug === undefined ? {} : { slug: MoreThan(afterSlug) },
      order: { slug: 'ASC' },
      take: limit + 1,
    });
  }

  insert(manager: EntityManager, values: NetworkValues): Promise<Network> {
    return manager.save(manager.create(Network, values));
  }

  async update(manager: EntityManager, id: string, changes: Partial<NetworkValues>): Promise<void> {
    // TypeORM's partial type cannot see that `settings` is stored whole (a JSON column).
    await manager.update(Network, { id }, changes as QueryDeepPartialEntity<Network>);
  }
}
