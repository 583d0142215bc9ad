import type { Database } from '../../platform/db/database.js';
import { CashbackRule } from './cashback-rule.entity.js';
import { Shop } from './shop.entity.js';

export interface ShopWithRules {
  shop: Shop;
  rules: CashbackRule[];
}

export class ShopsRepository {
  constructor(private readonly database: Database) {}

  /** Every active shop with its rules, in two queries (the catalogue is small and cached). */
  async loadActiveCatalogue(): Promise<ShopWithRules[]> {
    const shops = await this.database.manager.find(Shop, {
      where: { isActive: true },
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
}
