import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { conversionChecks } from '../modules/conversions/index.js';
import { formatReport, Ledger, reportOf, type ExtraLedgerCheck } from '../modules/ledger/index.js';
import { payoutChecks } from '../modules/payouts/index.js';

/**
 * Invariants of other modules reported by the same command (e.g. the conversions' I4 and I8): each
 * returns checks shaped like the ledger's own (`checkOf` and `limitedViolations` in ledger-report.ts).
 */
const EXTRA_CHECKS: ExtraLedgerCheck[] = [conversionChecks, payoutChecks];

/**
 * `npm run ledger:verify`: checks the ledger's invariants (and EXTRA_CHECKS) on the configured
 * database without changing anything — it does not migrate — and prints a report. Exits 0 when
 * every check passes, 1 on any violation, 2 when the checks could not run.
 */
async function main(): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database, createLogger('warn'));
  try {
    const ledger = await new Ledger(database, systemClock).verify();
    const extra = await Promise.all(EXTRA_CHECKS.map((check) => check(database)));
    const report = reportOf([...ledger.checks, ...extra.flat()]);
    process.stdout.write(formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

// 1 is reserved for violations, so a failure to run at all (config, connection, schema) exits 2.
process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(
    `ledger:verify could not run: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return 2;
});
