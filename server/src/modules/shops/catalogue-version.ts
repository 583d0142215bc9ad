import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { readCatalogueVersion } from './catalogue-version.repository.js';

/**
 * How often each process reads the catalogue's version stamp. A catalogue change made through
 * another process is served here at most this long after its commit, plus one stamp read and one
 * catalogue load (see README.md).
 */
export const CATALOGUE_CHECK_INTERVAL_MS = 1000;

/**
 * Keeps this process's cached catalogue (`ShopsService`) in step with changes made by other
 * processes: a timer reads the version stamp every CATALOGUE_CHECK_INTERVAL_MS and drops the cached
 * catalogue when the stamp moved, so the next read or click loads it again. Requests never wait
 * for the stamp: the click redirect keeps answering from memory between checks.
 *
 * Why this is enough: a change and its stamp commit together, and the first check that starts
 * after the commit sees a stamp other than the last one seen (stamps only grow), so it drops every
 * catalogue loaded — or being loaded — before it; any load after that reads the change. The first
 * check after start drops the catalogue once, since it has no stamp to compare with yet.
 */
export class CatalogueWatch {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen: string | undefined;
  private checking = false;
  private failing = false;

  constructor(
    private readonly deps: {
      database: Database;
      /** The cached catalogue: `invalidate()` makes its next read load again. */
      shops: { invalidate(): void };
      logger: Logger;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.deps.intervalMs ?? CATALOGUE_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * One check; true when the catalogue was dropped. Never throws: while the database is
   * unavailable the cached catalogue stays in use (it is the last one known), and the failure is
   * logged once, not every second.
   */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      const version = await readCatalogueVersion(this.deps.database);
      if (this.failing) {
        this.failing = false;
        this.deps.logger.info('catalogue version check works again');
      }
      if (version === this.lastSeen) return false;
      this.lastSeen = version;
      this.deps.shops.invalidate();
      return true;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.deps.logger.warn({ err: error }, 'catalogue version check failed; serving the cached catalogue');
      }
      return false;
    } finally {
      this.checking = false;
    }
  }
}
