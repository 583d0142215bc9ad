// The shops module's public door: other modules and the composition root import from here only.
export type { CashbackRule } from './cashback-rule.entity.js';
export { categoryCode, rulesForPurchase } from './cashback-rates.js';
export { CATALOGUE_CHECK_INTERVAL_MS, CatalogueWatch } from './catalogue-version.js';
export { bumpCatalogueVersion } from './catalogue-version.repository.js';
export type { Shop } from './shop.entity.js';
export { registerShopAdminRoutes } from './shops-admin.routes.js';
export { ShopsAdminService } from './shops-admin.service.js';
export { ShopsRepository, type ShopWithRules } from './shops.repository.js';
export { registerShopRoutes } from './shops.routes.js';
export { ShopsService } from './shops.service.js';
