import { BalancesSchema, PurchasePageSchema, PurchasesQuerySchema } from '@shared/contracts/money-path.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { withScope } from '../accounts/index.js';
import type { PurchasesService } from './purchases.service.js';

const READ: Array<Record<string, string[]>> = [{ cookieSession: [] }, { personalAccessToken: ['read'] }];

export function registerPurchaseRoutes(api: ApiRouter, purchases: PurchasesService): void {
  api.cachedRead(
    {
      path: '/me/balance',
      summary: 'My cashback per currency: pending, available, on hold for a payout, paid out, and any debt',
      tags: ['me'],
      security: READ,
      guards: [withScope('read')],
      responses: { 200: { description: 'Balances', schema: BalancesSchema } },
    },
    async ({ auth }) => ({ items: await purchases.balances(auth.user.id) }),
  );
  api.cachedRead(
    {
      path: '/me/purchases',
      summary: 'My purchases, newest first, with their state history',
      tags: ['me'],
      security: READ,
      query: PurchasesQuerySchema,
      guards: [withScope('read')],
      responses: { 200: { description: 'A page of purchases', schema: PurchasePageSchema } },
    },
    ({ query, auth }) => purchases.purchases(auth.user.id, query.limit, query.cursor),
  );
}
