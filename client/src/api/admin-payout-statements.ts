import {
  StatementImportListSchema,
  StatementImportSchema,
  type StatementImportCreate,
  type StatementImportView,
} from '@shared/contracts/payout-statements.js';
import { change, request } from './client.js';

/** Finance's bank statement imports (`/api/v1/admin/payout-statements`). Only the administration loads it. */

export async function listStatementImports(signal?: AbortSignal) {
  return (await request('GET', '/admin/payout-statements', StatementImportListSchema, { signal })).items;
}

export function getStatementImport(id: string, signal?: AbortSignal): Promise<StatementImportView> {
  return request('GET', `/admin/payout-statements/${encodeURIComponent(id)}`, StatementImportSchema, {
    signal,
  });
}

/** A dry run (`dryRun: true`) answers what the import would do; otherwise it pays and is stored. */
export function importStatement(input: StatementImportCreate): Promise<StatementImportView> {
  return change('POST', '/admin/payout-statements', StatementImportSchema, input);
}
