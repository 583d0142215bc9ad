import { In, type EntityManager } from 'typeorm';
import type { MarketCode } from '@shared/markets.js';
import type { Database } from '../../platform/db/database.js';
import type { NetworksRepository } from '../networks/index.js';
import { CashbackRule } from './cashback-rule.entity.js';
import { Shop } from './shop.entity.js';

export interface ShopWithRules {
  shop: Shop;
  rules: CashbackRule[];
}

export interface AdminShopFilter {
  market?: MarketCode;
  networkId?: string;
  isActive?: boolean;
  /** Part of the name or the slug, case-insensitive. */
  search?: string;
  /** Keyset: only shops whose slug sorts after this one. */
  afterSlug?: string;
  limit: number;
}

export type ShopValues = Omit<Shop, 'id'>;
export type CashbackRuleValues = Omit<CashbackRule, 'id'>;

export class ShopsRepository {
  constructor(
    private readonly database: Database,
    private readonly networks: NetworksRepository,
  ) {}

  /**
   * Every active shop of an active network, with all its rules (ended ones too: the service picks
   * those in force at read time), in three queries (the catalogue is small and cached).
   */
  async loadActiveCatalogue(): Promise<ShopWithRules[]> {
    const networkIds = await this.networks.activeIds();
    if (networkIds.length === 0) return [];
    const shops = await this.database.manager.find(Shop, {
      where: { isActive: true, networkId: In(networkIds) },
      order: { name: 'ASC', id: 'ASC' },
    });
    const rules = await this.database.manager.find(CashbackRule, { order: { id: 'ASC' } });
    const rulesByShop = new Map<string, CashbackRule[]>();
    for (const rule of rules) {
      const list = rulesByShop.get(rule.shopId) ?? [];
      list.push(rule);
      rulesByShop.set(rule.shopId, list);
    }
    return shops.map((shop) => ({ shop, rules: rulesByShop.get(shop.id) ?? [] }));
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<Shop[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Shop, { id: In([...new Set(ids)]) });
  }

  /** Shops (active or not) with all their rules, in the caller's transaction. */
  async withRulesByIds(manager: EntityManager, ids: string[]): Promise<ShopWithRules[]> {
    if (ids.length === 0) return [];
    const shops = await manager.findBy(Shop, { id: In(ids) });
    const rules = await manager.find(CashbackRule, { where: { shopId: In(ids) }, order: { id: 'ASC' } });
    return shops.map((shop) => ({ shop, rules: rules.filter((rule) => rule.shopId === shop.id) }));
  }

  rulesByIds(manager: EntityManager, ids: string[]): Promise<CashbackRule[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(CashbackRule, { id: In(ids) });
  }

  findBySlug(slug: string, manager: EntityManager = this.database.manager): Promise<Shop | null> {
    return manager.findOneBy(Shop, { slug });
  }

  /** The shop, row-locked until the transaction ends (MySQL/MariaDB; SQLite serialises writers). */
  findBySlugForUpdate(manager: EntityManager, slug: string): Promise<Shop | null> {
    return this.database
      .forUpdate(manager.createQueryBuilder(Shop, 'shop').where('shop.slug = :slug', { slug }))
      .getOne();
  }

  /** Staff list: inactive shops included, ordered by slug, at most `limit + 1` rows (the +1 says "more"). */
  async adminPage(filter: AdminShopFilter): Promise<Shop[]> {
    const query = this.database.manager
      .createQueryBuilder(Shop, 'shop')
      .orderBy('shop.slug', 'ASC')
      .limit(filter.limit + 1);
    if (filter.market !== undefined) query.andWhere('shop.marketCode = :market', { market: filter.market });
    if (filter.networkId !== undefined) {
      query.andWhere('shop.networkId = :networkId', { networkId: filter.networkId });
    }
    // Raw parameters skip TypeORM's value preparation, and better-sqlite3 cannot bind booleans.
    if (filter.isActive !== undefined)
      query.andWhere('shop.isActive = :active', { active: filter.isActive ? 1 : 0 });
    if (filter.search !== undefined) {
      // `!` as the LIKE escape: SQLite has no default escape character, MySQL's default is `\`.
      const pattern = `%${filter.search.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
      query.andWhere("(LOWER(shop.name) LIKE :pattern ESCAPE '!' OR shop.slug LIKE :pattern ESCAPE '!')", {
        pattern,
      });
    }
    if (filter.afterSlug !== undefined)
      query.andWhere('shop.slug > :afterSlug', { afterSlug: filter.afterSlug });
    return query.getMany();
  }

  /** The rules of these shops, every one ever made, newest first. */
  async rulesOf(shopIds: string[], manager: EntityManager = this.database.manager): Promise<CashbackRule[]> {
    if (shopIds.length === 0) return [];
    return manager.find(CashbackRule, { where: { shopId: In(shopIds) }, order: { id: 'DESC' } });
  }

  /** One rule of this shop; another shop's rule id finds nothing. */
  findRule(manager: EntityManager, shopId: string, ruleId: string): Promise<CashbackRule | null> {
    return manager.findOneBy(CashbackRule, { id: ruleId, shopId });
  }

  async insertShop(manager: EntityManager, values: ShopValues): Promise<Shop> {
    return manager.save(manager.create(Shop, values));
  }

  async updateShop(manager: EntityManager, id: string, changes: Partial<ShopValues>): Promise<void> {
    await manager.update(Shop, { id }, changes);
  }

  async insertRule(manager: EntityManager, values: CashbackRuleValues): Promise<CashbackRule> {
    return manager.save(manager.create(CashbackRule, values));
  }

  async endRule(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(CashbackRule, { id }, { validTo: at });
  }

  async deleteRule(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(CashbackRule, { id });
  }
}
