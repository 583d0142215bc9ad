import type { z } from 'zod';
import {
  AdjustmentResultSchema,
  AdminConversionDetailSchema,
  AdminConversionPageSchema,
  AdminConversionSchema,
  NetworkCredentialCreatedSchema,
  NetworkCredentialListSchema,
  NetworkCredentialSchema,
  NetworkHealthListSchema,
  type AdjustmentCreate,
  type AdjustmentResult,
  type AdminConversion,
  type AdminConversionDetail,
  type Attribution,
  type ConversionAssign,
  type ConversionDismiss,
  type NetworkCredential,
  type NetworkCredentialCreate,
  type NetworkCredentialCreated,
  type NetworkHealthList,
} from '@shared/contracts/admin-money.js';
import type { CONVERSION_STATES } from '@shared/contracts/money-path.js';
import { change, pageQuery, request } from './client.js';

/**
 * The staff side of the money path (`/api/v1/admin/conversions`, network health and postback
 * credentials). Only the administration loads it.
 */

export type AdminConversionPage = z.infer<typeof AdminConversionPageSchema>;
export type ConversionState = (typeof CONVERSION_STATES)[number];

/** The search as the page keeps it: every field optional, dates as `YYYY-MM-DD`. */
export interface ConversionFilter {
  shop?: string;
  network?: string;
  orderId?: string;
  clickId?: string;
  userId?: string;
  state?: ConversionState;
  attribution?: Attribution;
  /** Received on or after this day (midnight UTC). */
  from?: string;
  /** Received before this day (midnight UTC). */
  to?: string;
}

export function listConversions(
  filter: ConversionFilter & { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<AdminConversionPage> {
  return request('GET', `/admin/conversions?${pageQuery({ ...filter })}`, AdminConversionPageSchema, {
    signal,
  });
}

export function getConversion(id: string, signal?: AbortSignal): Promise<AdminConversionDetail> {
  return request('GET', `/admin/conversions/${encodeURIComponent(id)}`, AdminConversionDetailSchema, {
    signal,
  });
}

/**
 * A manual adjustment. The caller keeps `idempotencyKey` for one intended adjustment, so sending it
 * again after a lost answer gets the first transfer back, never a second one.
 */
export function adjustConversion(
  id: string,
  input: AdjustmentCreate,
  idempotencyKey: string,
): Promise<AdjustmentResult> {
  return change(
    'POST',
    `/admin/conversions/${encodeURIComponent(id)}/adjustments`,
    AdjustmentResultSchema,
    input,
    { 'Idempotency-Key': idempotencyKey },
  );
}

export function assignConversion(id: string, input: ConversionAssign): Promise<AdminConversion> {
  return change('POST', `/admin/conversions/${encodeURIComponent(id)}/assign`, AdminConversionSchema, input);
}

export function dismissConversion(id: string, input: ConversionDismiss): Promise<AdminConversion> {
  return change('POST', `/admin/conversions/${encodeURIComponent(id)}/dismiss`, AdminConversionSchema, input);
}

export function getNetworkHealth(signal?: AbortSignal): Promise<NetworkHealthList> {
  return request('GET', '/admin/networks/health', NetworkHealthListSchema, { signal });
}

export async function listCredentials(slug: string, signal?: AbortSignal): Promise<NetworkCredential[]> {
  const path = `/admin/networks/${encodeURIComponent(slug)}/credentials`;
  return (await request('GET', path, NetworkCredentialListSchema, { signal })).items;
}

export function createCredential(
  slug: string,
  input: NetworkCredentialCreate,
): Promise<NetworkCredentialCreated> {
  return change(
    'POST',
    `/admin/networks/${encodeURIComponent(slug)}/credentials`,
    NetworkCredentialCreatedSchema,
    input,
  );
}

export function retireCredential(slug: string, id: string, graceDays: number): Promise<NetworkCredential> {
  return change(
    'DELETE',
    `/admin/networks/${encodeURIComponent(slug)}/credentials/${encodeURIComponent(id)}?${pageQuery({ graceDays })}`,
    NetworkCredentialSchema,
  );
}
