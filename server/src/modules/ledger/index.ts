// The ledger's public door: other modules and the composition root import from here only.
export { Ledger, type LedgerOptions } from './ledger.service.js';
export type { KindBalance } from './ledger.repository.js';
export type {
  AccountKind,
  AccountRef,
  Posting,
  PostResult,
  TransferCode,
  TransferRequest,
  TransferView,
  UserAccountKind,
  UserBalances,
} from './ledger.types.js';
export {
  checkOf,
  formatReport,
  limitedViolations,
  reportOf,
  type ExtraLedgerCheck,
  type LedgerCheck,
  type LedgerReport,
} from './ledger-report.js';
