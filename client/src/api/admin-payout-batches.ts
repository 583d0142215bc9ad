import {
  PayoutBatchPageSchema,
  PayoutBatchPaidSchema,
  PayoutBatchSchema,
  type BatchFileFormat,
  type PayoutBatch,
  type PayoutBatchPage,
  type PayoutBatchPaid,
} from '@shared/contracts/payout-batches.js';
import type { Currency } from '@shared/markets.js';
import { change, pageQuery, request } from './client.js';

export type { PayoutBatch };

/** Finance's bank exports (`/api/v1/admin/payout-batches`). */

export function getPayoutBatches(cursor: string | undefined, signal?: AbortSignal): Promise<PayoutBatchPage> {
  return request('GET', `/admin/payout-batches?${pageQuery({ limit: 20, cursor })}`, PayoutBatchPageSchema, {
    signal,
  });
}

/**
 * Makes a batch of the currency's approved payouts. The caller keeps `idempotencyKey` for one
 * intended batch, so sending it again after a lost answer gets the same batch, never a second one.
 */
export function createPayoutBatch(currency: Currency, idempotencyKey: string): Promise<PayoutBatch> {
  return change(
    'POST',
    '/admin/payout-batches',
    PayoutBatchSchema,
    { currency },
    {
      'Idempotency-Key': idempotencyKey,
    },
  );
}

/** The next step of an exporting batch (the last one makes its files). */
export function advancePayoutBatch(id: string): Promise<PayoutBatch> {
  return change('POST', `/admin/payout-batches/${encodeURIComponent(id)}/advance`, PayoutBatchSchema);
}

export function markPayoutBatchPaid(id: string): Promise<PayoutBatchPaid> {
  return change('POST', `/admin/payout-batches/${encodeURIComponent(id)}/paid`, PayoutBatchPaidSchema);
}

/** Where a batch file downloads from (a plain link: the session cookie goes along). */
export function payoutBatchFileUrl(id: string, format: BatchFileFormat): string {
  return `/api/v1/admin/payout-batches/${encodeURIComponent(id)}/files/${format}`;
}
