// The markets module's public door: other modules and the composition root import from here only.
export { registerMarketRoutes } from './markets.routes.js';
export { MarketsRepository } from './markets.repository.js';
export type { Market } from './market.entity.js';
