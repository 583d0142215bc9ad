import type { EntityManager } from 'typeorm';
import {
  STATEMENT_RESULTS,
  type StatementImportCreate,
  type StatementImportSummary,
  type StatementImportView,
  type StatementLineView,
  type StatementResult,
} from '@shared/contracts/payout-statements.js';
import type { Currency } from '@shared/markets.js';
import { toMoney } from '@shared/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import type { AuditService } from '../audit/index.js';
import { nextState } from './payout-state.js';
import type { PayoutStatementImport } from './payout-statement-import.entity.js';
import type { PayoutStatementLine } from './payout-statement-line.entity.js';
import type { PayoutStatementsRepository } from './payout-statements.repository.js';
import type { Payout } from './payout.entity.js';
import type { PayoutsService } from './payouts.service.js';
import { parseStatement } from './statements/statement-parsing.js';
import type { StatementLine } from './statements/statement-line.js';

export interface StatementActor {
  userId: string;
  client: ClientInfo;
}

export interface PayoutStatementsDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  payouts: PayoutsService;
  repository: PayoutStatementsRepository;
}

/** What `importStatement` answers: the import, and whether it was stored now (201) or before (200). */
export interface StatementImportOutcome {
  view: StatementImportView;
  created: boolean;
}

type MatchedLine = Omit<PayoutStatementLine, 'id' | 'importId'>;

/**
 * Refusals of the `paid` step that come before it writes anything, so the import can report the
 * line and go on in the same transaction: the payout moved on, it is the importer's own, or its
 * export batch is not finished.
 */
const REFUSED_BEFORE_WRITING = new Set([
  'PAYOUT_STATE_CONFLICT',
  'PAYOUT_OWN',
  'PAYOUT_BEING_EXPORTED',
  'PAYOUT_BATCH_UNFINISHED',
]);

/**
 * Bank statement import (DESIGN §8): the statement of the account we pay shoppers from is read
 * (CSV, camt.053 or GPC), each outgoing line is matched to a payout by its EndToEndId, else its
 * variable symbol, and a match with the payout's amount and currency marks an exported payout paid
 * through `PayoutsService.paidWithin` — the one `paid` step (ledger `payout:<id>:paid`, audit,
 * mail), in the same transaction as the import's record. A file (by SHA-256) is imported once;
 * a payout already paid is reported, never paid again.
 */
export class PayoutStatementsService {
  constructor(private readonly deps: PayoutStatementsDeps) {}

  async importStatement(
    input: StatementImportCreate,
    actor: StatementActor,
  ): Promise<StatementImportOutcome> {
    const { database, repository } = this.deps;
    const parsed = parseStatement(input);
    const earlier = await repository.findImportBySha256(parsed.sha256);
    if (earlier) return { view: await this.stored(earlier, true), created: false };

    const now = this.deps.clock.now();
    if (input.dryRun) {
      // The preview reads in a transaction of its own, so every line sees the same payouts.
      const lines = await database.transaction((manager) => this.match(manager, parsed.lines, actor, false));
      return {
        view: {
          id: null,
          dryRun: true,
          replayed: false,
          format: input.format,
          fileName: input.fileName ?? null,
          sha256: parsed.sha256,
          createdAt: now.toISOString(),
          createdBy: actor.userId,
          lineCount: lines.length,
          counts: countsOf(lines),
          lines: lines.map((line) => lineView(line)),
        },
        created: false,
      };
    }

    try {
      const stored = await database.transaction(async (manager) => {
        // First the claim on the file: a second import of it waits here and then fails on the
        // UNIQUE sha256, so it pays nothing and answers this one.
        const row = await repository.insertImport(manager, {
          format: input.format,
          fileName: input.fileName ?? null,
          sha256: parsed.sha256,
          lineCount: parsed.lines.length,
          counts: {},
          createdBy: actor.userId,
          createdAt: now,
        });
        const lines = await this.match(manager, parsed.lines, actor, true);
        row.counts = countsOf(lines);
        await repository.setCounts(manager, row.id, row.counts);
        await repository.insertLines(
          manager,
          lines.map((line) => ({ ...line, importId: row.id })),
        );
        await this.deps.audit.record(
          {
            action: 'payout_statement_imported',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: null,
            client: actor.client,
            after: {
              importId: row.id,
              format: row.format,
              fileName: row.fileName,
              sha256: row.sha256,
              counts: row.counts,
              paidPayoutIds: lines.filter((line) => line.result === 'paid').map((line) => line.payoutId),
            },
          },
          manager,
        );
        return row;
      });
      return { view: await this.stored(stored, false), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const concurrent = await repository.findImportBySha256(parsed.sha256);
      if (!concurrent) throw error;
      return { view: await this.stored(concurrent, true), created: false };
    }
  }

  async importById(id: string): Promise<StatementImportView> {
    const found = await this.deps.repository.findImport(id);
    if (!found) throw new AppError('PAYOUT_STATEMENT_NOT_FOUND', 404, 'There is no such statement import.');
    return this.stored(found, false);
  }

  async recentImports(): Promise<StatementImportSummary[]> {
    const rows = await this.deps.repository.recentImports(50);
    return rows.map((row) => summaryOf(row, false));
  }

  /**
   * Each line's result, in the statement's order. With `pay`, a line that names an exported
   * payout with its amount pays it now (a second line naming it then finds it already paid).
   */
  private async match(
    manager: EntityManager,
    lines: StatementLine[],
    actor: StatementActor,
    pay: boolean,
  ): Promise<MatchedLine[]> {
    const matched: MatchedLine[] = [];
    // A dry run pays nothing, so it remembers which payouts earlier lines would have paid.
    const wouldPay = new Set<string>();
    for (const line of lines) {
      const payout = line.booked && line.amountMinor < 0n ? await this.payoutOf(manager, line, pay) : null;
      let result = this.resultOf(line, payout, actor);
      if (payout && result === 'paid') {
        if (pay) result = await this.pay(manager, payout, actor);
        else if (wouldPay.has(payout.id)) result = 'already_paid';
        wouldPay.add(payout.id);
      }
      const { booked: _booked, ...fields } = line;
      matched.push({
        ...fields,
        result,
        payoutId: payout?.id ?? null,
        payoutState: payout?.state ?? null,
        payoutAmountMinor: payout?.amountMinor ?? null,
        payoutCurrency: payout?.currency ?? null,
      });
    }
    return matched;
  }

  /** By EndToEndId first; a line without one, or whose one is not ours, by its variable symbol. */
  private async payoutOf(manager: EntityManager, line: StatementLine, lock: boolean): Promise<Payout | null> {
    const { repository } = this.deps;
    const byEndToEnd = line.endToEndId
      ? await repository.findPayoutBy(manager, { endToEndId: line.endToEndId }, lock)
      : null;
    if (byEndToEnd) return byEndToEnd;
    return line.variableSymbol
      ? repository.findPayoutBy(manager, { reference: line.variableSymbol }, lock)
      : null;
  }

  private resultOf(line: StatementLine, payout: Payout | null, actor: StatementActor): StatementResult {
    if (!line.booked || line.amountMinor >= 0n) return 'ignored';
    if (!payout) return 'unknown_reference';
    if (payout.currency !== line.currency || payout.amountMinor !== -line.amountMinor)
      return 'amount_differs';
    if (payout.state === 'paid') return 'already_paid';
    // Whichever states the state machine lets `paid` leave (exported).
    if (nextState(payout.state, 'paid') === null) return 'not_exported';
    if (payout.userId === actor.userId) return 'own_payout';
    return 'paid';
  }

  private async pay(manager: EntityManager, payout: Payout, actor: StatementActor): Promise<StatementResult> {
    try {
      await this.deps.payouts.paidWithin(manager, payout.id, {
        userId: actor.userId,
        kind: 'staff',
        client: actor.client,
      });
      return 'paid';
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSED_BEFORE_WRITING.has(error.code)) throw error;
      return error.code === 'PAYOUT_OWN' ? 'own_payout' : 'not_exported';
    }
  }

  private async stored(row: PayoutStatementImport, replayed: boolean): Promise<StatementImportView> {
    const lines = await this.deps.repository.linesOf(row.id);
    return { ...summaryOf(row, replayed), lines: lines.map((line) => lineView(line)) };
  }
}

function countsOf(lines: Array<{ result: StatementResult }>): Record<StatementResult, number> {
  const counts = Object.fromEntries(STATEMENT_RESULTS.map((result) => [result, 0])) as Record<
    StatementResult,
    number
  >;
  for (const line of lines) counts[line.result] += 1;
  return counts;
}

function summaryOf(row: PayoutStatementImport, replayed: boolean): StatementImportSummary {
  return {
    id: row.id,
    dryRun: false,
    replayed,
    format: row.format,
    fileName: row.fileName,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lineCount: row.lineCount,
    counts: { ...countsOf([]), ...row.counts },
  };
}

function lineView(line: MatchedLine): StatementLineView {
  return {
    lineNo: line.lineNo,
    result: line.result,
    bookingDate: line.bookingDate?.toISOString() ?? null,
    amountMinor: line.amountMinor.toString(),
    currency: line.currency,
    counterAccount: line.counterAccount,
    variableSymbol: line.variableSymbol,
    endToEndId: line.endToEndId,
    message: line.message,
    bankReference: line.bankReference,
    payoutId: line.payoutId,
    payoutState: line.payoutState,
    payoutAmount:
      line.payoutAmountMinor !== null && line.payoutCurrency !== null
        ? toMoney(line.payoutAmountMinor, line.payoutCurrency as Currency)
        : null,
  };
}
