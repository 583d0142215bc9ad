import type { EntityManager } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { Database } from '../../platform/db/database.js';
import { Market } from './market.entity.js';

/** The markets' reference data (seeded by the foundation migration). */
export class MarketsRepository {
  constructor(private readonly database: Database) {}

  /** Every market, by code. */
  all(): Promise<Market[]> {
    return this.database.manager.find(Market, { order: { code: 'ASC' } });
  }

  /** The market that pays in this currency (one per currency), for its minimum payout. */
  byCurrency(currency: Currency, manager: EntityManager = this.database.manager): Promise<Market | null> {
    return manager.findOne(Market, { where: { currency }, order: { code: 'ASC' } });
  }
}
