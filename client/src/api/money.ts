import type { z } from 'zod';
import {
  BalancesSchema,
  PurchasePageSchema,
  type Balance,
  type Purchase,
} from '@shared/contracts/money-path.js';
import { pageQuery, request } from './client.js';

/**
 * The shopper's money (`/api/v1/me/balance`, `/api/v1/me/purchases`). Apart from `client.ts` so
 * only the overview page loads these contracts.
 */

export type { Balance, Purchase };
export type PurchasePage = z.infer<typeof PurchasePageSchema>;
export type PurchaseState = Purchase['state'];
export type PurchaseEvent = Purchase['history'][number];

/** One balance per currency the shopper has ever had money in; none for a new account. */
export async function getBalances(signal?: AbortSignal): Promise<Balance[]> {
  return (await request('GET', '/me/balance', BalancesSchema, { signal })).items;
}

/** My purchases, newest first, each with its state history. */
export function getPurchases(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<PurchasePage> {
  return request('GET', `/me/purchases?${pageQuery(query)}`, PurchasePageSchema, { signal });
}
