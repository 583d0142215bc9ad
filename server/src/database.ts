import { mysqlMigrations } from '../../db/migrations/mysql/index.js';
import { sqliteMigrations } from '../../db/migrations/sqlite/index.js';
import type { Config } from './config.js';
import { createDataSource } from './platform/db/data-source.js';
import { Database } from './platform/db/database.js';
import { checkDurability } from './platform/db/durability.js';
import type { Logger } from './platform/logger.js';
import { ConsentEvent } from './modules/accounts/consent-event.entity.js';
import { SessionRecord } from './modules/accounts/session.entity.js';
import { UsedLinkToken } from './modules/accounts/used-link-token.entity.js';
import { UserIdentity } from './modules/accounts/user-identity.entity.js';
import { User } from './modules/accounts/user.entity.js';
import { ApiToken } from './modules/api-tokens/api-token.entity.js';
import { Click } from './modules/clicks/click.entity.js';
import { ConversionEvent } from './modules/conversions/conversion-event.entity.js';
import { Conversion } from './modules/conversions/conversion.entity.js';
import { NetworkSecret } from './modules/postbacks/network-secret.entity.js';
import { PostbackInbox } from './modules/postbacks/postback-inbox.entity.js';
import { LedgerAccount } from './modules/ledger/ledger-account.entity.js';
import { LedgerEntry } from './modules/ledger/ledger-entry.entity.js';
import { LedgerTransfer } from './modules/ledger/ledger-transfer.entity.js';
import { AuditEntry } from './modules/audit/audit-entry.entity.js';
import { BankAccount } from './modules/bank-accounts/bank-account.entity.js';
import { OutboxMail } from './platform/mail/outbox-mail.entity.js';
import { Market } from './modules/markets/market.entity.js';
import { Network } from './modules/networks/network.entity.js';
import { CashbackRule } from './modules/shops/cashback-rule.entity.js';
import { Shop } from './modules/shops/shop.entity.js';
import { ReportImport } from './modules/reconciliation/report-import.entity.js';
import { ReportLineRow } from './modules/reconciliation/report-line.entity.js';
import { Settlement } from './modules/reconciliation/settlement.entity.js';
import { Payout } from './modules/payouts/payout.entity.js';
import { PayoutBatchFile } from './modules/payouts/exports/payout-batch-file.entity.js';
import { PayoutBatch } from './modules/payouts/exports/payout-batch.entity.js';
import { Claim } from './modules/claims/claim.entity.js';
import { ClaimMessageRow } from './modules/claims/claim-message.entity.js';
import { ClaimProofRow } from './modules/claims/claim-proof.entity.js';
import { ClaimShopSetting } from './modules/claims/claim-shop-setting.entity.js';
import { PayoutStatementImport } from './modules/payouts/payout-statement-import.entity.js';
import { PayoutStatementLine } from './modules/payouts/payout-statement-line.entity.js';

/** Every entity of every module; the data source knows them all. */
export const ENTITIES = [
  Market,
  Network,
  Shop,
  CashbackRule,
  User,
  SessionRecord,
  UserIdentity,
  ConsentEvent,
  UsedLinkToken,
  AuditEntry,
  ApiToken,
  OutboxMail,
  Click,
  NetworkSecret,
  PostbackInbox,
  Conversion,
  ConversionEvent,
  LedgerAccount,
  LedgerTransfer,
  LedgerEntry,
  ReportImport,
  ReportLineRow,
  Settlement,
  BankAccount,
  Payout,
  PayoutBatch,
  PayoutBatchFile,
  Claim,
  ClaimMessageRow,
  ClaimProofRow,
  ClaimShopSetting,
  PayoutStatementImport,
  PayoutStatementLine,
];

export async function openDatabase(database: Config['database'], logger: Logger): Promise<Database> {
  const dataSource = createDataSource(database, {
    entities: ENTITIES,
    migrations: { sqlite: sqliteMigrations, mysql: mysqlMigrations },
  });
  await dataSource.initialize();
  const opened = new Database(dataSource, logger);
  if (opened.dialect === 'mysql') await checkDurability(dataSource, logger);
  return opened;
}

/** Applies pending migrations; returns the names of those applied (none on a second run). */
export async function migrate(database: Database): Promise<string[]> {
  const applied = await database.dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
