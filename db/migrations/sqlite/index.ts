import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Accounts1764100000000 } from './1764100000000-accounts.js';
import { Clicks1764200000000 } from './1764200000000-clicks.js';
import { Ledger1764300000000 } from './1764300000000-ledger.js';
import { Postbacks1764400000000 } from './1764400000000-postbacks.js';
import { AdminMoney1764500000000 } from './1764500000000-admin-money.js';
import { ClicksOwnerIndex1764700000000 } from './1764700000000-clicks-owner-index.js';
import { ConversionSources1764800000000 } from './1764800000000-conversion-sources.js';
import { CatalogueVersion1764810000000 } from './1764810000000-catalogue-version.js';
import { LegalConsent1764820000000 } from './1764820000000-legal-consent.js';
import { BankAccounts1764900000000 } from './1764900000000-bank-accounts.js';
import { Payouts1764910000000 } from './1764910000000-payouts.js';
import { Reconciliation1764920000000 } from './1764920000000-reconciliation.js';
import { PayoutBatches1764930000000 } from './1764930000000-payout-batches.js';
import { PayoutStatements1764940000000 } from './1764940000000-payout-statements.js';
import { Claims1765100000000 } from './1765100000000-claims.js';

/** SQLite migrations in the order they apply. */
export const sqliteMigrations = [
  Foundation1764000000000,
  Accounts1764100000000,
  Clicks1764200000000,
  Ledger1764300000000,
  Postbacks1764400000000,
  AdminMoney1764500000000,
  ClicksOwnerIndex1764700000000,
  ConversionSources1764800000000,
  CatalogueVersion1764810000000,
  LegalConsent1764820000000,
  BankAccounts1764900000000,
  Payouts1764910000000,
  Reconciliation1764920000000,
  PayoutBatches1764930000000,
  PayoutStatements1764940000000,
  Claims1765100000000,
];
