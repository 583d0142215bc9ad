import type { EntityManager } from 'typeorm';
import type { Dialect } from '../../platform/db/data-source.js';
import { checkOf, limitedViolations, VIOLATION_LIMIT, type LedgerCheck } from './ledger-report.js';

type Raw = string | number;

/** Names of the append-only triggers created by the ledger migration of both dialects. */
export const APPEND_ONLY_TRIGGERS = [
  'ledger_entries_no_delete',
  'ledger_entries_no_update',
  'ledger_transfers_no_delete',
  'ledger_transfers_no_update',
];

const LIMIT = `LIMIT ${VIOLATION_LIMIT + 1}`;
const CONSTRAINED_KINDS = "'pending', 'available', 'payout_hold', 'paid_out'";
/** Per-account sums of entries; SUM is exact in both engines (DECIMAL, int64), CHAR keeps it exact. */
const ENTRY_SUMS = 'SELECT account_id, SUM(amount_minor) AS total FROM ledger_entries GROUP BY account_id';

/**
 * The ledger's invariants as aggregate queries, so they run over millions of rows without loading
 * them: each returns at most VIOLATION_LIMIT + 1 offending rows. Sums come back as text (`CAST … AS
 * CHAR`, TEXT affinity on SQLite) so that no driver turns them into an inexact double.
 */
export async function runLedgerChecks(manager: EntityManager, dialect: Dialect): Promise<LedgerCheck[]> {
  const query = <T>(sql: string) => manager.query<T[]>(sql);
  const checks: LedgerCheck[] = [];

  const unbalanced = await query<{ id: Raw; entry_count: Raw; total: string | null }>(`
    SELECT t.id, COUNT(e.id) AS entry_count, CAST(COALESCE(SUM(e.amount_minor), 0) AS CHAR) AS total
    FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
    GROUP BY t.id
    HAVING COUNT(e.id) < 2 OR COALESCE(SUM(e.amount_minor), 0) <> 0
    ORDER BY t.id ${LIMIT}`);
  // One pass over the entries for everything an entry must agree with: its transfer and account
  // exist, the account is in the transfer's currency (I1), and carries the entry's user id (I5).
  const misplaced = await query<{
    id: Raw;
    account_id: Raw;
    transfer_id: Raw;
    account_currency: string | null;
    currency: string | null;
    problem: 'account' | 'transfer' | 'currency' | 'user';
  }>(`
    SELECT e.id, e.account_id, e.transfer_id, a.currency AS account_currency, t.currency,
           CASE WHEN a.id IS NULL THEN 'account' WHEN t.id IS NULL THEN 'transfer'
                WHEN a.currency <> t.currency THEN 'currency' ELSE 'user' END AS problem
    FROM ledger_entries e
    LEFT JOIN ledger_accounts a ON a.id = e.account_id
    LEFT JOIN ledger_transfers t ON t.id = e.transfer_id
    WHERE a.id IS NULL OR t.id IS NULL OR a.currency <> t.currency
       OR NOT (e.user_id = a.user_id OR (e.user_id IS NULL AND a.user_id IS NULL))
    ORDER BY e.id ${LIMIT}`);
  const mixed = misplaced.filter((row) => row.problem === 'currency');
  const orphans = misplaced.filter((row) => row.problem !== 'currency');
  checks.push(
    checkOf('I1 every transfer has at least 2 entries summing to 0 in its currency', [
      ...limitedViolations(
        unbalanced,
        (row) => `transfer ${row.id}: ${row.entry_count} entries summing to ${row.total ?? '0'}`,
      ),
      ...limitedViolations(
        mixed,
        (row) =>
          `entry ${row.id} of ${row.currency} transfer ${row.transfer_id} is on a ${row.account_currency} account`,
      ),
    ]),
  );

  const currencyTotals = await query<{ currency: string | null; total: string | null }>(`
    SELECT a.currency, CAST(SUM(s.total) AS CHAR) AS total
    FROM (${ENTRY_SUMS}) s LEFT JOIN ledger_accounts a ON a.id = s.account_id
    GROUP BY a.currency`);
  checks.push(
    checkOf(
      'I2 all entries sum to 0 per currency',
      currencyTotals
        .filter((row) => BigInt(row.total ?? '0') !== 0n)
        .map((row) => `${row.currency ?? 'entries without an account'}: entries sum to ${row.total}`),
    ),
  );

  const negative = await query<{ id: Raw; account_key: string; balance: string }>(`
    SELECT id, account_key, CAST(balance_minor AS CHAR) AS balance FROM ledger_accounts
    WHERE (kind IN (${CONSTRAINED_KINDS}) AND balance_minor < 0) OR (kind = 'debt' AND balance_minor > 0)
    ORDER BY id ${LIMIT}`);
  checks.push(
    checkOf(
      'I3 no shopper balance below 0, no debt above 0 (cached)',
      limitedViolations(
        negative,
        (row) => `account ${row.id} (${row.account_key}): cached balance ${row.balance}`,
      ),
    ),
  );

  const drifted = await query<{ id: Raw; account_key: string; balance: string; total: string | null }>(`
    SELECT a.id, a.account_key, CAST(a.balance_minor AS CHAR) AS balance,
           CAST(COALESCE(s.total, 0) AS CHAR) AS total
    FROM ledger_accounts a LEFT JOIN (${ENTRY_SUMS}) s ON s.account_id = a.id
    WHERE a.user_id IS NOT NULL AND a.balance_minor <> COALESCE(s.total, 0)
    ORDER BY a.id ${LIMIT}`);
  checks.push(
    checkOf('I5 every cached balance equals the sum of its entries; entries reference their rows', [
      ...limitedViolations(
        drifted,
        (row) => `account ${row.id} (${row.account_key}): cached ${row.balance}, entries sum to ${row.total}`,
      ),
      ...limitedViolations(orphans, (row) =>
        row.problem === 'account'
          ? `entry ${row.id}: account ${row.account_id} does not exist`
          : row.problem === 'transfer'
            ? `entry ${row.id}: transfer ${row.transfer_id} does not exist`
            : `entry ${row.id}: user id differs from its account ${row.account_id}`,
      ),
    ]),
  );

  const triggers =
    dialect === 'mysql'
      ? await query<{ name: string }>(`
          SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS
          WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_TIMING = 'BEFORE'
            AND EVENT_OBJECT_TABLE IN ('ledger_entries', 'ledger_transfers')`)
      : await query<{ name: string }>(`
          SELECT name FROM sqlite_master
          WHERE type = 'trigger' AND tbl_name IN ('ledger_entries', 'ledger_transfers')`);
  const present = new Set(triggers.map((row) => row.name));
  checks.push(
    checkOf(
      'I6 ledger entries and transfers are append-only (triggers present)',
      APPEND_ONLY_TRIGGERS.filter((name) => !present.has(name)).map((name) => `trigger ${name} is missing`),
    ),
  );
  return checks;
}
