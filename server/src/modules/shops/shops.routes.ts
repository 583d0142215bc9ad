import {
  ShopDetailSchema,
  ShopListQuerySchema,
  ShopPageSchema,
  ShopSlugParamsSchema,
} from '@shared/contracts/shops.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import type { ShopsService } from './shops.service.js';

export function registerShopRoutes(api: ApiRouter, shops: ShopsService): void {
  api.route(
    {
      method: 'get',
      path: '/shops',
      summary: 'List active shops, filtered by market, name or category',
      tags: ['shops'],
      query: ShopListQuerySchema,
      responses: { 200: { description: 'A page of shops', schema: ShopPageSchema } },
    },
    ({ query }) => shops.list(query),
  );
  api.route(
    {
      method: 'get',
      path: '/shops/:slug',
      summary: 'One shop with its cashback rules and conditions',
      tags: ['shops'],
      params: ShopSlugParamsSchema,
      responses: { 200: { description: 'The shop', schema: ShopDetailSchema } },
    },
    ({ params }) => shops.get(params.slug),
  );
}
