import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  DIFF_KINDS,
  type DiffKind,
  type Overview,
  type ReportImportCreate,
  type ReportImportView,
  type ReportLineView,
  type SettlementCreate,
  type SettlementView,
} from '@shared/contracts/reconciliation.js';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import { toMoney } from '@shared/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/errors.js';
import type { AuditService } from '../audit/index.js';
import type {
  ApplyOutcome,
  ConversionState,
  ConversionSummary,
  ConversionsRepository,
  ConversionsService,
  SourcedReport,
} from '../conversions/index.js';
import type { Ledger } from '../ledger/index.js';
import type { Network, NetworksRepository } from '../networks/index.js';
import type { ReconciliationRepository } from './reconciliation.repository.js';
import type { ReportImport } from './report-import.entity.js';
import type { ReportLineRow } from './report-line.entity.js';
import { decodeReport, parseReport, type ReportLine } from './report-parsing.js';
import type { Settlement } from './settlement.entity.js';

export interface StaffActor {
  userId: string;
  client: ClientInfo;
}

/** Who imports: a staff member, or the scheduled pull (no user). */
export interface ImportActor {
  userId: string | null;
  client: ClientInfo;
}

export interface ReconciliationDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  conversions: ConversionsService;
  conversionRows: ConversionsRepository;
  ledger: Ledger;
  networks: NetworksRepository;
  repository: ReconciliationRepository;
}

/** How far a state has come: a report behind ours changes nothing (the state machine is monotone). */
const PROGRESS: Record<ConversionState, number> = { pending: 0, approved: 1, settled: 2, rejected: 3 };

/**
 * Network reconciliation (DESIGN §8): a network's report compared with our conversions for that
 * network and the report's period (a stored dry run), then applied line by line through
 * `ConversionsService.record` with source kind `report` — the one entry point; settlements
 * (the network paid us: conversions → `settled`); and the finance overview read from the ledger.
 */
export class ReconciliationService {
  constructor(private readonly deps: ReconciliationDeps) {}

  // --- import: the dry run ---------------------------------------------------------------------

  async importReport(input: ReportImportCreate, actor: ImportActor): Promise<ReportImportView> {
    const { database, clock, audit, conversionRows, repository } = this.deps;
    const network = await this.network(input.network);
    const lines = parseReport(
      decodeReport(input.content, input.encoding ?? 'utf-8'),
      input.format,
      input.currency,
    );
    const dates = lines.flatMap((line) => (line.occurredAt ? [line.occurredAt.getTime()] : []));
    const periodFrom = input.periodFrom
      ? new Date(input.periodFrom)
      : dates.length > 0
        ? new Date(Math.min(...dates))
        : null;
    const periodTo = input.periodTo
      ? new Date(input.periodTo)
      : dates.length > 0
        ? new Date(Math.max(...dates))
        : null;
    if (periodFrom && periodTo && periodFrom > periodTo)
      throw new AppError('RECONCILIATION_PERIOD_INVALID', 400, 'The period ends before it starts.');

    const stored = await database.transaction(async (manager) => {
      const ours = await conversionRows.forReconciliation(manager, network.id, {
        orderIds: lines.map((line) => line.orderId),
        from: periodFrom,
        to: periodTo,
      });
      const reportImport = await repository.insertImport(manager, {
        networkId: network.id,
        format: input.format,
        fileName: input.fileName ?? null,
        periodFrom,
        periodTo,
        lineCount: lines.length,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      const rows = diff(reportImport.id, lines, ours);
      await repository.insertLines(manager, rows);
      await audit.record(
        {
          action: 'reconciliation_imported',
          actor: actor.userId === null ? { kind: 'system' } : { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          after: {
            importId: reportImport.id,
            network: network.slug,
            format: input.format,
            counts: countsOf(rows),
          },
        },
        manager,
      );
      return reportImport;
    });
    return this.view(stored, network.slug);
  }

  async importById(id: string): Promise<ReportImportView> {
    const found = await this.deps.repository.findImport(id);
    if (!found) throw new AppError('RECONCILIATION_IMPORT_NOT_FOUND', 404, 'There is no such import.');
    const slugs = await this.deps.networks.slugsById([found.networkId]);
    return this.view(found, slugs.get(found.networkId) ?? found.networkId);
  }

  async recentImports(): Promise<Array<Omit<ReportImportView, 'lines'>>> {
    const imports = await this.deps.repository.recentImports(50);
    const slugs = await this.deps.networks.slugsById(imports.map((row) => row.networkId));
    return Promise.all(
      imports.map(async (row) => {
        const { lines: _lines, ...summary } = await this.view(row, slugs.get(row.networkId) ?? row.networkId);
        return summary;
      }),
    );
  }

  // --- apply: through conversions, once per line ------------------------------------------------

  /**
   * Sends the report's side of the chosen lines through conversions, in one transaction with
   * marking them applied. A line applied before is not sent again; conversions make a report they
   * already know a duplicate anyway.
   */
  async apply(
    importId: string,
    which: { lineNo: number } | { kind: DiffKind },
    actor: StaffActor,
  ): Promise<{ applied: number; lines: ReportLineView[] }> {
    const { database, clock, audit, conversions, repository } = this.deps;
    if ('kind' in which && which.kind === 'missing_in_report')
      throw nothingToApply('A line missing in the report has nothing of the network’s to apply.');
    const reportImport = await repository.findImport(importId);
    if (!reportImport) throw new AppError('RECONCILIATION_IMPORT_NOT_FOUND', 404, 'There is no such import.');
    const changed = await database.transaction(async (manager) => {
      const pending = await repository.lockPending(manager, importId, which);
      if ('lineNo' in which && pending.length === 0) {
        const line = await repository.findLine(manager, importId, which.lineNo);
        if (!line) throw new AppError('RECONCILIATION_LINE_NOT_FOUND', 404, 'The import has no such line.');
        return { applied: 0, lines: [line] };
      }
      const sendable = pending.filter((line) => line.kind !== 'missing_in_report');
      if ('lineNo' in which && sendable.length === 0)
        throw nothingToApply('A line missing in the report has nothing of the network’s to apply.');
      const items: SourcedReport[] = sendable.map((line) => ({
        report: {
          networkId: reportImport.networkId,
          clickId: line.clickId,
          orderId: line.orderId,
          orderAmountMinor: line.reportOrderAmountMinor!,
          commissionMinor: line.reportCommissionMinor!,
          currency: line.currency,
          state: line.reportState!,
          occurredAt: line.occurredAt,
          reason: line.reason,
          category: null,
        },
        source: { kind: 'report', reference: `${importId}:${line.lineNo}`, actor: `admin:${actor.userId}` },
      }));
      const outcomes = items.length > 0 ? await conversions.record(manager, items) : [];
      const now = clock.now();
      for (const [index, line] of sendable.entries()) {
        const outcome = outcomes[index]!;
        const applied = !(outcome instanceof AppError);
        line.outcome = describe(outcome);
        line.appliedAt = applied ? now : null;
        line.appliedBy = applied ? actor.userId : null;
        if (applied && line.conversionId === null) line.conversionId = outcome.conversionId;
        await repository.recordOutcome(manager, line.id, {
          appliedAt: line.appliedAt,
          appliedBy: line.appliedBy,
          outcome: line.outcome,
        });
      }
      if (sendable.length > 0)
        await audit.record(
          {
            action: 'reconciliation_applied',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: null,
            client: actor.client,
            after: {
              importId,
              lines: sendable.map((line) => ({ lineNo: line.lineNo, outcome: line.outcome })),
            },
          },
          manager,
        );
      return { applied: sendable.filter((line) => line.appliedAt !== null).length, lines: sendable };
    });
    return { applied: changed.applied, lines: changed.lines.map(lineView) };
  }

  // --- settlements --------------------------------------------------------------------------------

  /**
   * The network paid us for these conversions: each goes to `settled` through conversions (which
   * posts `conversion_settled`, clearing the receivable), all or none. A payment that differs from
   * the sum of their commissions is refused unless finance explains it in a note.
   */
  async settle(
    input: SettlementCreate,
    idempotencyKey: string,
    actor: StaffActor,
  ): Promise<{ settlement: SettlementView; replayed: boolean }> {
    const { repository } = this.deps;
    const requestHash = requestHashOf(input);
    const replay = async () => {
      const earlier = await repository.settlementByKey(idempotencyKey);
      if (!earlier) return undefined;
      if (earlier.requestHash !== requestHash)
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          422,
          'This Idempotency-Key was already used for a different settlement; use a new key.',
        );
      const slugs = await this.deps.networks.slugsById([earlier.networkId]);
      return {
        settlement: settlementView(earlier, slugs.get(earlier.networkId) ?? earlier.networkId),
        replayed: true,
      };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      return {
        settlement: await this.settleOnce(input, idempotencyKey, requestHash, actor),
        replayed: false,
      };
    } catch (error) {
      // Another request with this key won the race: answer as it did.
      if (!isUniqueViolation(error)) throw error;
      const raced = await replay();
      if (!raced) throw error;
      return raced;
    }
  }

  private async settleOnce(
    input: SettlementCreate,
    idempotencyKey: string,
    requestHash: string,
    actor: StaffActor,
  ): Promise<SettlementView> {
    const { database, clock, audit, conversions, conversionRows, repository } = this.deps;
    const network = await this.network(input.network);
    const amountMinor = BigInt(input.amountMinor);
    const stored = await database.transaction(async (manager) => {
      const found = await conversionRows.forReconciliation(manager, network.id, {
        ids: input.conversionIds ?? [],
        orderIds: input.orderIds ?? [],
      });
      const missing = [
        ...(input.conversionIds ?? []).filter((id) => !found.some((row) => row.id === id)),
        ...(input.orderIds ?? []).filter((orderId) => !found.some((row) => row.orderId === orderId)),
      ];
      if (missing.length > 0)
        throw new AppError(
          'RECONCILIATION_UNKNOWN_CONVERSIONS',
          400,
          `The network has no conversion ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}.`,
        );
      const refused = found.filter(
        (row) => row.currency !== input.currency || row.state === 'rejected' || row.settled,
      );
      if (refused.length > 0)
        throw new AppError(
          'RECONCILIATION_NOT_SETTLEABLE',
          409,
          `Order ${refused[0]!.orderId} cannot be settled: it is ${refused[0]!.settled ? 'settled already' : refused[0]!.state === 'rejected' ? 'rejected' : `in ${refused[0]!.currency}`}.`,
        );
      const expectedMinor = found.reduce((sum, row) => sum + row.commissionMinor, 0n);
      if (expectedMinor !== amountMinor && input.note === undefined)
        throw new AppError(
          'RECONCILIATION_SETTLEMENT_MISMATCH',
          422,
          `The payment (${amountMinor}) differs from the conversions’ commissions (${expectedMinor}); explain it in a note.`,
          { expectedMinor: expectedMinor.toString() },
        );
      const settlement = await repository.insertSettlement(manager, {
        networkId: network.id,
        currency: input.currency,
        amountMinor,
        expectedMinor,
        paidAt: new Date(input.paidAt),
        note: input.note ?? null,
        conversionIds: found.map((row) => row.id),
        idempotencyKey,
        requestHash,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      const outcomes = await conversions.record(
        manager,
        found.map((row) => ({
          report: settledReport(network.id, row),
          source: {
            kind: 'report',
            reference: `settlement:${settlement.id}`,
            actor: `admin:${actor.userId}`,
          },
        })),
      );
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome instanceof AppError) throw outcome;
        if (outcome.kind !== 'accepted')
          throw new AppError(
            'RECONCILIATION_NOT_SETTLEABLE',
            409,
            `Order ${found[index]!.orderId} was not settled: ${describe(outcome)}.`,
          );
      }
      await audit.record(
        {
          action: 'settlement_recorded',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          after: {
            settlementId: settlement.id,
            network: network.slug,
            currency: input.currency,
            amountMinor: amountMinor.toString(),
            expectedMinor: expectedMinor.toString(),
            conversions: found.length,
            note: input.note ?? null,
          },
        },
        manager,
      );
      return settlement;
    });
    return settlementView(stored, network.slug);
  }

  async recentSettlements(): Promise<SettlementView[]> {
    const rows = await this.deps.repository.recentSettlements(50);
    const slugs = await this.deps.networks.slugsById(rows.map((row) => row.networkId));
    return rows.map((row) => settlementView(row, slugs.get(row.networkId) ?? row.networkId));
  }

  // --- the finance overview -----------------------------------------------------------------------

  /**
   * Per network and currency, from the conversions' record of what the ledger holds for them (the
   * ledger's receivable has no split by state), next to the network's receivable account; per
   * currency, the ledger's own sums, which the network rows tie to.
   */
  async overview(): Promise<Overview> {
    const [balances, holdings] = await Promise.all([
      this.deps.ledger.balancesByKind(),
      this.deps.conversionRows.holdingsByNetwork(),
    ]);
    const zero = () => ({
      receivablePending: 0n,
      receivableApproved: 0n,
      receivable: 0n,
      settled: 0n,
      owedPending: 0n,
      owedCredited: 0n,
      marginPending: 0n,
      marginEarned: 0n,
    });
    const rows = new Map<string, { networkId: string; currency: Currency; sums: ReturnType<typeof zero> }>();
    const rowOf = (networkId: string, currency: Currency) => {
      const key = `${networkId}:${currency}`;
      let row = rows.get(key);
      if (!row) {
        row = { networkId, currency, sums: zero() };
        rows.set(key, row);
      }
      return row.sums;
    };
    for (const holding of holdings) {
      const sums = rowOf(holding.networkId, holding.currency);
      const margin = holding.ledgerCommissionMinor - holding.ledgerShareMinor;
      if (holding.ledgerState === 'pending') {
        if (!holding.settled) sums.receivablePending += holding.ledgerCommissionMinor;
        sums.owedPending += holding.ledgerShareMinor;
        sums.marginPending += margin;
      } else if (holding.ledgerState === 'available') {
        if (!holding.settled) sums.receivableApproved += holding.ledgerCommissionMinor;
        sums.owedCredited += holding.ledgerShareMinor;
        sums.marginEarned += margin;
      }
      if (holding.settled && holding.ledgerState !== 'reversed')
        sums.settled += holding.ledgerCommissionMinor;
    }
    const totals = new Map<Currency, Record<string, bigint>>();
    const totalOf = (currency: Currency) => {
      let total = totals.get(currency);
      if (!total) {
        total = {};
        totals.set(currency, total);
      }
      return total;
    };
    for (const balance of balances) {
      if (balance.kind === 'network_receivable' && balance.networkId)
        rowOf(balance.networkId, balance.currency).receivable -= balance.balanceMinor;
      const total = totalOf(balance.currency);
      total[balance.kind] = (total[balance.kind] ?? 0n) + balance.balanceMinor;
    }
    const slugs = await this.deps.networks.slugsById([...rows.values()].map((row) => row.networkId));
    return {
      networks: [...rows.values()]
        .map((row) => ({
          network: slugs.get(row.networkId) ?? row.networkId,
          currency: row.currency,
          ...(Object.fromEntries(
            Object.entries(row.sums).map(([key, value]) => [key, toMoney(value, row.currency)]),
          ) as Record<keyof ReturnType<typeof zero>, ReturnType<typeof toMoney>>),
        }))
        .sort((a, b) => a.network.localeCompare(b.network) || a.currency.localeCompare(b.currency)),
      totals: CURRENCIES.filter((currency) => totals.has(currency)).map((currency) => {
        const total = totals.get(currency)!;
        const of = (kind: string) => total[kind] ?? 0n;
        return {
          currency,
          receivable: toMoney(-of('network_receivable'), currency),
          bank: toMoney(-of('bank'), currency),
          owedPending: toMoney(of('pending'), currency),
          owedAvailable: toMoney(of('available'), currency),
          owedHeld: toMoney(of('payout_hold'), currency),
          paidOut: toMoney(of('paid_out'), currency),
          debt: toMoney(-of('debt'), currency),
          platformPending: toMoney(of('platform_pending'), currency),
          platformRevenue: toMoney(of('platform_revenue'), currency),
        };
      }),
    };
  }

  // --- helpers ------------------------------------------------------------------------------------

  private async network(slug: string): Promise<Network> {
    const network = await this.deps.networks.findBySlug(slug);
    if (!network) throw new AppError('NETWORK_NOT_FOUND', 404, `There is no network ${slug}.`);
    return network;
  }

  private async view(
    reportImport: ReportImport,
    network: string,
    manager?: EntityManager,
  ): Promise<ReportImportView> {
    const lines = await this.deps.repository.linesOf(reportImport.id, manager);
    return {
      id: reportImport.id,
      network,
      format: reportImport.format,
      fileName: reportImport.fileName,
      periodFrom: reportImport.periodFrom?.toISOString() ?? null,
      periodTo: reportImport.periodTo?.toISOString() ?? null,
      createdAt: reportImport.createdAt.toISOString(),
      createdBy: reportImport.createdBy,
      counts: countsOf(lines),
      lines: lines.map(lineView),
    };
  }
}

const nothingToApply = (message: string) => new AppError('RECONCILIATION_NOTHING_TO_APPLY', 409, message);

function describe(outcome: ApplyOutcome | AppError): string {
  if (outcome instanceof AppError) return `refused: ${outcome.code}`.slice(0, 200);
  return ('why' in outcome ? `${outcome.kind}: ${outcome.why}` : outcome.kind).slice(0, 200);
}

function countsOf(lines: Array<Pick<ReportLineRow, 'kind'>>): Record<DiffKind, number> {
  const counts = Object.fromEntries(DIFF_KINDS.map((kind) => [kind, 0])) as Record<DiffKind, number>;
  for (const line of lines) counts[line.kind] += 1;
  return counts;
}

/** SHA-256 over the request with its keys sorted: the same request hashes the same however it was sent. */
function requestHashOf(input: SettlementCreate): string {
  const sorted = Object.fromEntries(Object.entries(input).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** A settled conversion's report: its own amounts, so the state changes and nothing is amended. */
function settledReport(networkId: string, row: ConversionSummary): SourcedReport['report'] {
  return {
    networkId,
    clickId: row.clickId,
    orderId: row.orderId,
    orderAmountMinor: row.orderAmountMinor,
    commissionMinor: row.commissionMinor,
    currency: row.currency,
    state: 'settled',
    occurredAt: null,
    reason: null,
    category: null,
  };
}

/**
 * The dry run: each report line against our conversion for its order, then ours within the period
 * the report does not mention. A state differs before amounts do (applying sends both).
 */
export function diff(
  importId: string,
  lines: ReportLine[],
  ours: ConversionSummary[],
): Array<Omit<ReportLineRow, 'id'>> {
  const byOrder = new Map(ours.map((row) => [row.orderId, row]));
  const reported = new Set(lines.map((line) => line.orderId));
  const blank = { appliedAt: null, appliedBy: null, outcome: null };
  const rows: Array<Omit<ReportLineRow, 'id'>> = lines.map((line) => {
    const our = byOrder.get(line.orderId);
    let kind: DiffKind = 'missing_here';
    if (our) {
      const sameState =
        our.state === line.state ||
        // A report that is behind us (approved after we were paid, pending after approval) agrees.
        (our.state !== 'rejected' && line.state !== 'rejected' && PROGRESS[line.state] < PROGRESS[our.state]);
      const sameAmounts =
        our.commissionMinor === line.commissionMinor && our.orderAmountMinor === line.orderAmountMinor;
      kind = !sameState ? 'status_differs' : !sameAmounts ? 'amount_differs' : 'matched';
    }
    return {
      importId,
      lineNo: line.lineNo,
      kind,
      orderId: line.orderId,
      clickId: line.clickId,
      conversionId: our?.id ?? null,
      currency: line.currency,
      reportState: line.state,
      reportOrderAmountMinor: line.orderAmountMinor,
      reportCommissionMinor: line.commissionMinor,
      ourState: our?.state ?? null,
      ourOrderAmountMinor: our?.orderAmountMinor ?? null,
      ourCommissionMinor: our?.commissionMinor ?? null,
      occurredAt: line.occurredAt,
      reason: line.reason,
      ...blank,
    };
  });
  let lineNo = lines.length;
  for (const our of ours) {
    if (reported.has(our.orderId)) continue;
    lineNo += 1;
    rows.push({
      importId,
      lineNo,
      kind: 'missing_in_report',
      orderId: our.orderId,
      clickId: our.clickId,
      conversionId: our.id,
      currency: our.currency,
      reportState: null,
      reportOrderAmountMinor: null,
      reportCommissionMinor: null,
      ourState: our.state,
      ourOrderAmountMinor: our.orderAmountMinor,
      ourCommissionMinor: our.commissionMinor,
      occurredAt: our.occurredAt,
      reason: null,
      ...blank,
    });
  }
  return rows;
}

function lineView(line: ReportLineRow): ReportLineView {
  const side = (state: ConversionState | null, order: bigint | null, commission: bigint | null) =>
    state === null || order === null || commission === null
      ? null
      : { state, orderAmount: toMoney(order, line.currency), commission: toMoney(commission, line.currency) };
  return {
    lineNo: line.lineNo,
    kind: line.kind,
    orderId: line.orderId,
    clickId: line.clickId,
    conversionId: line.conversionId,
    report: side(line.reportState, line.reportOrderAmountMinor, line.reportCommissionMinor),
    ours: side(line.ourState, line.ourOrderAmountMinor, line.ourCommissionMinor),
    occurredAt: line.occurredAt?.toISOString() ?? null,
    actionable: line.appliedAt === null && line.kind !== 'missing_in_report' && line.kind !== 'matched',
    appliedAt: line.appliedAt?.toISOString() ?? null,
    outcome: line.outcome,
  };
}

function settlementView(row: Settlement, network: string): SettlementView {
  return {
    id: row.id,
    network,
    amount: toMoney(row.amountMinor, row.currency),
    expected: toMoney(row.expectedMinor, row.currency),
    paidAt: row.paidAt.toISOString(),
    note: row.note,
    conversionIds: row.conversionIds,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}
