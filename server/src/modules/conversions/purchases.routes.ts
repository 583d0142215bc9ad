import { BalancesSchema, PurchasePageSchema, PurchasesQuerySchema } from '@shared/contracts/money-path.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { requireScope, requireUser } from '../accounts/auth.middleware.js';
import type { PurchasesService } from './purchases.service.js';

const READ: Array<Record<string, string[]>> = [{ cookieSession: [] }, { personalAccessToken: ['read'] }];

export function registerPurchaseRoutes(api: ApiRouter, purchases: PurchasesService): void {
  api.route(
    {
      method: 'get',
      path: '/me/balance',
      summary: 'My cashback per currency: pending, available, on hold for a payout, paid out, and any debt',
      tags: ['me'],
      security: READ,
      cachedSession: true,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'Balances', schema: BalancesSchema } },
    },
    async ({ req }) => ({ items: await purchases.balances(req.auth!.user.id) }),
  );
  api.route(
    {
      method: 'get',
      path: '/me/purchases',
      summary: 'My purchases, newest first, with their state history',
      tags: ['me'],
      security: READ,
      cachedSession: true,
      query: PurchasesQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'A page of purchases', schema: PurchasePageSchema } },
    },
    ({ query, req }) => purchases.purchases(req.auth!.user.id, query.limit, query.cursor),
  );
}
