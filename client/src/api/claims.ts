import {
  AdminClaimDetailSchema,
  AdminClaimPageSchema,
  ClaimDetailSchema,
  ClaimPageSchema,
  ClaimPreviewSchema,
  ClaimProofSchema,
  type AdminClaim,
  type AdminClaimDetail,
  type AdminClaimPage,
  type Claim,
  type ClaimCreate,
  type ClaimDetail,
  type ClaimPage,
  type ClaimPreview,
  type ClaimProof,
  type ClaimState,
} from '@shared/contracts/claims.js';
import { change, pageQuery, request } from './client.js';

export type { AdminClaim, AdminClaimDetail, Claim, ClaimDetail, ClaimPreview, ClaimProof, ClaimState };

/** The shopper's claims (`/api/v1/me/claims`). */

export function getClaims(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<ClaimPage> {
  return request('GET', `/me/claims?${pageQuery(query)}`, ClaimPageSchema, { signal });
}

export function getClaim(id: string, signal?: AbortSignal): Promise<ClaimDetail> {
  return request('GET', `/me/claims/${encodeURIComponent(id)}`, ClaimDetailSchema, { signal });
}

export function previewClaim(shop: string, orderDate: string, signal?: AbortSignal): Promise<ClaimPreview> {
  return request('GET', `/me/claims/preview?${pageQuery({ shop, orderDate })}`, ClaimPreviewSchema, {
    signal,
  });
}

export function fileClaim(input: ClaimCreate): Promise<ClaimDetail> {
  return change('POST', '/me/claims', ClaimDetailSchema, input);
}

export function writeToSupport(id: string, body: string): Promise<ClaimDetail> {
  return change('POST', `/me/claims/${encodeURIComponent(id)}/messages`, ClaimDetailSchema, { body });
}

/** Attaches a proof of purchase: the file itself is the request body. */
export function attachProof(id: string, file: File): Promise<ClaimProof> {
  return change('POST', `/me/claims/${encodeURIComponent(id)}/proofs`, ClaimProofSchema, file, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

/** Where the browser downloads a proof (the session cookie goes along). */
export function proofUrl(claimId: string, proofId: string, staff = false): string {
  const base = staff ? '/api/v1/admin/claims' : '/api/v1/me/claims';
  return `${base}/${encodeURIComponent(claimId)}/proofs/${encodeURIComponent(proofId)}`;
}

/** The support queue (`/api/v1/admin/claims`). */

export interface AdminClaimFilter {
  state?: ClaimState;
  network?: string;
  overdue?: boolean;
  cursor?: string;
}

export function getAdminClaims(filter: AdminClaimFilter, signal?: AbortSignal): Promise<AdminClaimPage> {
  return request('GET', `/admin/claims?${pageQuery({ ...filter, limit: 50 })}`, AdminClaimPageSchema, {
    signal,
  });
}

export function getAdminClaim(id: string, signal?: AbortSignal): Promise<AdminClaimDetail> {
  return request('GET', `/admin/claims/${encodeURIComponent(id)}`, AdminClaimDetailSchema, { signal });
}

export function askForInformation(id: string, reason: string): Promise<AdminClaimDetail> {
  return change('POST', `/admin/claims/${encodeURIComponent(id)}/request-info`, AdminClaimDetailSchema, {
    reason,
  });
}

export function acceptClaim(
  id: string,
  input: { commissionMinor: string; orderAmountMinor?: string },
): Promise<AdminClaimDetail> {
  return change('POST', `/admin/claims/${encodeURIComponent(id)}/accept`, AdminClaimDetailSchema, input);
}

export function rejectClaim(id: string, reason: string): Promise<AdminClaimDetail> {
  return change('POST', `/admin/claims/${encodeURIComponent(id)}/reject`, AdminClaimDetailSchema, {
    reason,
  });
}

export function claimsExportUrl(network: string): string {
  return `/api/v1/admin/claims/export.csv?${pageQuery({ network })}`;
}
