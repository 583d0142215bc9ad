import {
  ApplyResultSchema,
  OverviewSchema,
  ReportImportListSchema,
  ReportImportSchema,
  type DiffKind,
  type Overview,
  type ReportImportCreate,
  type ReportImportView,
} from '@shared/contracts/reconciliation.js';
import { change, request } from './client.js';

/** Finance's reconciliation (`/api/v1/admin/reconciliation`). Only the administration loads it. */

export function getOverview(signal?: AbortSignal): Promise<Overview> {
  return request('GET', '/admin/reconciliation/overview', OverviewSchema, { signal });
}

export async function listImports(signal?: AbortSignal) {
  return (await request('GET', '/admin/reconciliation/imports', ReportImportListSchema, { signal })).items;
}

export function getImport(id: string, signal?: AbortSignal): Promise<ReportImportView> {
  return request('GET', `/admin/reconciliation/imports/${encodeURIComponent(id)}`, ReportImportSchema, {
    signal,
  });
}

export function importReport(input: ReportImportCreate): Promise<ReportImportView> {
  return change('POST', '/admin/reconciliation/imports', ReportImportSchema, input);
}

export function applyLine(importId: string, lineNo: number) {
  return change(
    'POST',
    `/admin/reconciliation/imports/${encodeURIComponent(importId)}/lines/${lineNo}/apply`,
    ApplyResultSchema,
  );
}

export function applyKind(importId: string, kind: Exclude<DiffKind, 'missing_in_report'>) {
  return change(
    'POST',
    `/admin/reconciliation/imports/${encodeURIComponent(importId)}/apply`,
    ApplyResultSchema,
    { kind },
  );
}
