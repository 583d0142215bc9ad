import {
  AdminCashbackRuleSchema,
  AdminNetworkPageSchema,
  AdminNetworkSchema,
  AdminShopDetailSchema,
  AdminShopPageSchema,
  type AdminCashbackRule,
  type AdminNetwork,
  type AdminShopDetail,
  type CashbackRuleCreate,
  type NetworkCreate,
  type NetworkUpdate,
  type ShopCreate,
  type ShopUpdate,
} from '@shared/contracts/admin-catalogue.js';
import type { MarketCode } from '@shared/markets.js';
import type { z } from 'zod';
import { change, NoContent, pageQuery, request } from './client.js';

/**
 * The staff side of the catalogue (`/api/v1/admin/shops`, `/api/v1/admin/networks`). Kept apart from
 * `client.ts` so the shopper's pages never load these contracts.
 */

export type AdminShopPage = z.infer<typeof AdminShopPageSchema>;
export type AdminNetworkPage = z.infer<typeof AdminNetworkPageSchema>;

export interface AdminShopFilter {
  q?: string;
  market?: MarketCode;
  active?: boolean;
  network?: string;
  limit?: number;
  cursor?: string;
}

export function listAdminShops(filter: AdminShopFilter, signal?: AbortSignal): Promise<AdminShopPage> {
  return request('GET', `/admin/shops?${pageQuery({ ...filter })}`, AdminShopPageSchema, { signal });
}

export function getAdminShop(slug: string, signal?: AbortSignal): Promise<AdminShopDetail> {
  return request('GET', `/admin/shops/${encodeURIComponent(slug)}`, AdminShopDetailSchema, { signal });
}

export function createShop(input: ShopCreate): Promise<AdminShopDetail> {
  return change('POST', '/admin/shops', AdminShopDetailSchema, input);
}

export function updateShop(slug: string, patch: ShopUpdate): Promise<AdminShopDetail> {
  return change('PATCH', `/admin/shops/${encodeURIComponent(slug)}`, AdminShopDetailSchema, patch);
}

export function addCashbackRule(slug: string, rule: CashbackRuleCreate): Promise<AdminCashbackRule> {
  return change('POST', `/admin/shops/${encodeURIComponent(slug)}/rules`, AdminCashbackRuleSchema, rule);
}

export function endCashbackRule(slug: string, ruleId: string): Promise<void> {
  return change(
    'DELETE',
    `/admin/shops/${encodeURIComponent(slug)}/rules/${encodeURIComponent(ruleId)}`,
    NoContent,
  );
}

export function listNetworks(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<AdminNetworkPage> {
  return request('GET', `/admin/networks?${pageQuery(query)}`, AdminNetworkPageSchema, { signal });
}

export function getNetwork(slug: string, signal?: AbortSignal): Promise<AdminNetwork> {
  return request('GET', `/admin/networks/${encodeURIComponent(slug)}`, AdminNetworkSchema, { signal });
}

export function createNetwork(input: NetworkCreate): Promise<AdminNetwork> {
  return change('POST', '/admin/networks', AdminNetworkSchema, input);
}

export function updateNetwork(slug: string, patch: NetworkUpdate): Promise<AdminNetwork> {
  return change('PATCH', `/admin/networks/${encodeURIComponent(slug)}`, AdminNetworkSchema, patch);
}
