import { MarketListSchema } from '@shared/contracts/shops.js';
import type { Database } from '../../platform/db/database.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { MarketsRepository } from './markets.repository.js';

export function registerMarketRoutes(api: ApiRouter, database: Database): void {
  const markets = new MarketsRepository(database);
  api.route(
    {
      method: 'get',
      path: '/markets',
      summary: 'The markets we operate in, with currency, language and minimum payout',
      tags: ['markets'],
      responses: { 200: { description: 'All markets', schema: MarketListSchema } },
    },
    async () => {
      return {
        items: (await markets.all()).map((market) => ({
          code: market.code,
          countryCode: market.countryCode,
          currency: market.currency,
          language: market.language,
          minimumPayout: { amountMinor: market.minimumPayoutMinor.toString(), currency: market.currency },
        })),
      };
    },
  );
}
