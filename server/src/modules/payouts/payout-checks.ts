import type { Database } from '../../platform/db/database.js';
import { checkOf, limitedViolations, type LedgerCheck } from '../ledger/index.js';

/**
 * The payouts' invariant, reported by `npm run ledger:verify` with the ledger's: I7 — a payout
 * resolves at most once. Every payout has exactly one hold; a paid payout exactly one
 * `payout_paid`; a cancelled, rejected or failed one exactly one `payout_released`; an open one
 * neither; and none both.
 */
export async function payoutChecks(database: Database): Promise<LedgerCheck[]> {
  const reference = database.dialect === 'mysql' ? "CONCAT('payout:', p.id)" : "'payout:' || p.id";
  const count = (code: string) => `SUM(CASE WHEN t.code = '${code}' THEN 1 ELSE 0 END)`;
  const rows = await database.manager.query<
    Array<{
      id: string | number;
      state: string;
      holds: number | string;
      paid: number | string;
      released: number | string;
    }>
  >(
    `SELECT p.id, p.state, ${count('payout_hold')} AS holds, ${count('payout_paid')} AS paid,
            ${count('payout_released')} AS released
       FROM payouts p
       LEFT JOIN ledger_transfers t ON t.reference = ${reference}
      GROUP BY p.id, p.state
     HAVING ${count('payout_hold')} <> 1
         OR ${count('payout_paid')} <> CASE WHEN p.state = 'paid' THEN 1 ELSE 0 END
         OR ${count('payout_released')} <>
            CASE WHEN p.state IN ('cancelled', 'rejected', 'failed') THEN 1 ELSE 0 END
      LIMIT 101`,
  );
  return [
    checkOf(
      'I7 a payout resolves at most once',
      limitedViolations(
        rows,
        (row) =>
          `payout ${row.id} (${row.state}): ${row.holds} hold, ${row.paid} paid, ${row.released} released`,
      ),
    ),
  ];
}
