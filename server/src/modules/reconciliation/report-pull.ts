import type { ReportImportView } from '@shared/contracts/reconciliation.js';
import type { Currency } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { ReconciliationService } from './reconciliation.service.js';

/** Networks whose reports we fetch ourselves, with credentials from the configuration. */
export interface ReportPullConfig {
  /** Minutes between pulls; 0 turns the schedule off (a pull can still be run by hand). */
  readonly intervalMinutes: number;
  /** How many days back each pull covers (Awin allows at most 31 per request). */
  readonly days: number;
  readonly awin?: { readonly publisherId: string; readonly token: string; readonly url: string };
  readonly cj?: {
    readonly publisherId: string;
    readonly token: string;
    readonly url: string;
    /** CJ's records carry amounts in the publisher's currency without naming it. */
    readonly currency: Currency;
  };
}

const CJ_FIELDS =
  'commissionId originalActionId original actionStatus validationStatus correctionReason shopperId ' +
  'orderId pubCommissionAmountPubCurrency saleAmountPubCurrency eventDate postingDate';

/** `2026-03-01T10:00:00`: Awin's date parameters, in the time zone the request names (UTC). */
const awinDate = (date: Date) => date.toISOString().slice(0, 19);

/**
 * The scheduled pull (DESIGN §8): where a network offers a reporting API (Awin's transactions,
 * CJ's commission detail), its report for the last days is fetched and imported as a dry run, as
 * if finance had uploaded it; finance applies the lines. Awin and CJ send no status in their
 * postbacks, so this is how their approvals arrive without anyone downloading files.
 */
export class ReportPuller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: {
      config: ReportPullConfig;
      reconciliation: ReconciliationService;
      clock: Clock;
      logger: Logger;
      fetch?: typeof fetch;
    },
  ) {}

  /** Fetches and imports each configured network's report once; a network that fails is logged and skipped. */
  async pullOnce(): Promise<ReportImportView[]> {
    const { config, reconciliation, clock, logger } = this.deps;
    const to = clock.now();
    const from = new Date(to.getTime() - config.days * 86_400_000);
    const system = { userId: null, client: { ip: null, userAgent: 'report-pull' } };
    const imported: ReportImportView[] = [];
    const sources: Array<{ network: string; run: () => Promise<ReportImportView> }> = [];
    if (config.awin) {
      const awin = config.awin;
      sources.push({
        network: 'awin',
        run: async () =>
          reconciliation.importReport(
            {
              network: 'awin',
              format: 'awin',
              content: await this.get(
                `${awin.url}/publishers/${encodeURIComponent(awin.publisherId)}/transactions/?` +
                  new URLSearchParams({
                    startDate: awinDate(from),
                    endDate: awinDate(to),
                    timezone: 'UTC',
                    dateType: 'transaction',
                  }).toString(),
                awin.token,
              ),
              fileName: `awin-api-${awinDate(to)}`,
              periodFrom: from.toISOString(),
              periodTo: to.toISOString(),
            },
            system,
          ),
      });
    }
    if (config.cj) {
      const cj = config.cj;
      const query =
        `{ publisherCommissions(forPublishers: [${JSON.stringify(cj.publisherId)}], ` +
        `sincePostingDate: ${JSON.stringify(from.toISOString())}, ` +
        `beforePostingDate: ${JSON.stringify(to.toISOString())}) ` +
        `{ count payloadComplete records { ${CJ_FIELDS} } } }`;
      sources.push({
        network: 'cj',
        run: async () =>
          reconciliation.importReport(
            {
              network: 'cj',
              format: 'cj',
              currency: cj.currency,
              content: await this.post(cj.url, { query }, cj.token),
              fileName: `cj-api-${awinDate(to)}`,
              periodFrom: from.toISOString(),
              periodTo: to.toISOString(),
            },
            system,
          ),
      });
    }
    for (const source of sources) {
      try {
        imported.push(await source.run());
      } catch (error) {
        logger.warn({ err: error, network: source.network }, 'report pull failed');
      }
    }
    return imported;
  }

  start(): void {
    const minutes = this.deps.config.intervalMinutes;
    if (minutes <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pullOnce().finally(() => {
        this.running = undefined;
      });
    }, minutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async get(url: string, token: string): Promise<string> {
    return this.call(url, { method: 'GET', headers: { Authorization: `Bearer ${token}` } });
  }

  private async post(url: string, body: unknown, token: string): Promise<string> {
    return this.call(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async call(url: string, init: RequestInit): Promise<string> {
    const response = await (this.deps.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
    return response.text();
  }
}
