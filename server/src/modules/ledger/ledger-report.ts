import type { Database } from '../../platform/db/database.js';

/** One invariant check: its name (starting with the invariant's id) and what breaks it. */
export interface LedgerCheck {
  name: string;
  ok: boolean;
  /** Human-readable, each naming the ids involved; capped per check (see VIOLATION_LIMIT). */
  violations: string[];
}

export interface LedgerReport {
  ok: boolean;
  checks: LedgerCheck[];
}

/** More invariants for `npm run ledger:verify` from other modules (e.g. conversions' I4, I8). */
export type ExtraLedgerCheck = (database: Database) => Promise<LedgerCheck[]>;

/** At most this many violations are listed per check; one more line says that more exist. */
export const VIOLATION_LIMIT = 100;

export function checkOf(name: string, violations: string[]): LedgerCheck {
  return { name, ok: violations.length === 0, violations };
}

/** Rows fetched with `LIMIT VIOLATION_LIMIT + 1`, as violation lines plus a "more" marker. */
export function limitedViolations<T>(rows: T[], describe: (row: T) => string): string[] {
  const lines = rows.slice(0, VIOLATION_LIMIT).map(describe);
  if (rows.length > VIOLATION_LIMIT) lines.push(`… more than ${VIOLATION_LIMIT}, not listed`);
  return lines;
}

export function reportOf(checks: LedgerCheck[]): LedgerReport {
  return { ok: checks.every((check) => check.ok), checks };
}

/** Plain text for a terminal or a CI log: one line per check, its violations indented below. */
export function formatReport(report: LedgerReport): string {
  const lines = ['Ledger verification'];
  for (const check of report.checks) {
    lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}`);
    for (const violation of check.violations) lines.push(`          - ${violation}`);
  }
  const failed = report.checks.filter((check) => !check.ok).length;
  lines.push(
    failed === 0
      ? `All ${report.checks.length} checks passed.`
      : `${failed} of ${report.checks.length} checks failed.`,
  );
  return `${lines.join('\n')}\n`;
}
