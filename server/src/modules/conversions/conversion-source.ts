import type { ConversionSourceKind } from '@shared/contracts/money-path.js';

export type { ConversionSourceKind };

/**
 * Where a report about an order came from. Conversions store it with every revision it causes
 * (the history the shopper and staff see), so no caller has to be asked back for it.
 */
export interface ConversionSource {
  kind: ConversionSourceKind;
  /** The caller's own record behind the report: an inbox message id, a claim id, a report line. */
  reference: string | null;
  /** Who or what applied it (`postback:17`, `replay:17`, `claim:4`, `admin:3`): the ledger's `created_by`. */
  actor: string;
}
