import type { Database } from '../../platform/db/database.js';
import { checkOf, limitedViolations, type LedgerCheck } from '../ledger/index.js';

/**
 * The conversions' own invariants, reported by `npm run ledger:verify` with the ledger's:
 * I4 — one credit chain per conversion: what its transfers left on the shopper's accounts equals
 * what the conversion says it holds (its share while pending or approved, nothing once reversed),
 * and unattributed conversions moved no money; I8 — 0 ≤ share ≤ commission.
 */
export async function conversionChecks(database: Database): Promise<LedgerCheck[]> {
  const reference = database.dialect === 'mysql' ? "CONCAT('conversion:', c.id)" : "'conversion:' || c.id";
  const chains = await database.manager.query<
    Array<{ id: string | number; expected: string | number; held: string | number }>
  >(
    `SELECT c.id,
            CASE WHEN c.ledger_state IN ('pending', 'available') THEN c.ledger_share_minor ELSE 0 END AS expected,
            COALESCE(SUM(e.amount_minor), 0) AS held
       FROM conversions c
       LEFT JOIN ledger_transfers t ON t.reference = ${reference}
       LEFT JOIN ledger_entries e ON e.transfer_id = t.id AND e.user_id IS NOT NULL
      GROUP BY c.id, c.ledger_state, c.ledger_share_minor
     HAVING COALESCE(SUM(e.amount_minor), 0) <> CASE WHEN c.ledger_state IN ('pending', 'available') THEN c.ledger_share_minor ELSE 0 END`,
  );
  const shares = await database.manager.query<
    Array<{ id: string | number; share_minor: string | number; commission_minor: string | number }>
  >(
    'SELECT id, share_minor, commission_minor FROM conversions WHERE share_minor < 0 OR share_minor > commission_minor',
  );
  return [
    checkOf(
      'I4 one credit chain per conversion',
      limitedViolations(
        chains,
        (row) => `conversion ${row.id}: holds ${row.held}, should hold ${row.expected}`,
      ),
    ),
    checkOf(
      'I8 shopper share within the commission',
      limitedViolations(
        shares,
        (row) => `conversion ${row.id}: share ${row.share_minor} of commission ${row.commission_minor}`,
      ),
    ),
  ];
}
