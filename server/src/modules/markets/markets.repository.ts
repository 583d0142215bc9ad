import type { Database } from '../../platform/db/database.js';
import { Market } from './market.entity.js';

/** The markets' reference data (seeded by the foundation migration). */
export class MarketsRepository {
  constructor(private readonly database: Database) {}

  /** Every market, by code. */
  all(): Promise<Market[]> {
    return this.database.manager.find(Market, { order: { code: 'ASC' } });
  }
}
