import {
  AdminPayoutPageSchema,
  AdminPayoutSchema,
  PayoutPageSchema,
  PayoutSchema,
  type AdminPayout,
  type AdminPayoutPage,
  type Payout,
  type PayoutPage,
  type PayoutRequest,
  type PayoutState,
} from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
import { change, pageQuery, request } from './client.js';

export type { AdminPayout, Payout, PayoutState };

/** The shopper's payouts (`/api/v1/me/payouts`). */

export function getPayouts(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<PayoutPage> {
  return request('GET', `/me/payouts?${pageQuery(query)}`, PayoutPageSchema, { signal });
}

/**
 * Asks for a payout. The caller keeps `idempotencyKey` for one intended payout, so sending it again
 * after a lost answer gets the same payout, never a second one.
 */
export function requestPayout(input: PayoutRequest, idempotencyKey: string): Promise<Payout> {
  return change('POST', '/me/payouts', PayoutSchema, input, { 'Idempotency-Key': idempotencyKey });
}

export function cancelPayout(id: string): Promise<Payout> {
  return change('POST', `/me/payouts/${encodeURIComponent(id)}/cancel`, PayoutSchema);
}

/** The finance queue (`/api/v1/admin/payouts`). */

export interface AdminPayoutFilter {
  state?: PayoutState;
  currency?: Currency;
  firstPayout?: boolean;
  cursor?: string;
}

export function getAdminPayouts(filter: AdminPayoutFilter, signal?: AbortSignal): Promise<AdminPayoutPage> {
  return request('GET', `/admin/payouts?${pageQuery({ ...filter, limit: 50 })}`, AdminPayoutPageSchema, {
    signal,
  });
}

export type PayoutStep = 'approve' | 'reject' | 'paid' | 'failed';

export function movePayout(id: string, step: PayoutStep, reason?: string): Promise<AdminPayout> {
  return change(
    'POST',
    `/admin/payouts/${encodeURIComponent(id)}/${step}`,
    AdminPayoutSchema,
    reason === undefined ? undefined : { reason },
  );
}
