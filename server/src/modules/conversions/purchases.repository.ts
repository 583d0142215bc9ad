import type { Currency } from '@shared/markets.js';
import type { CashbackRuleKind } from '@shared/contracts/shops.js';
import type { Database } from '../../platform/db/database.js';
import type { ConversionState } from './conversion-state.js';

/** DATETIME read as text (see `text` below), in UTC. */
export type SqlDate = string;
/** BIGINT as the drivers return it: a string, or a safe number. */
export type SqlMinor = string | number;

/**
 * One purchase of a page joined with its shop, the rule it was credited under, and one step of
 * its history (none: the event columns are null).
 */
export interface PurchaseRow {
  id: string | number;
  external_order_id: string;
  currency: Currency;
  order_amount_minor: SqlMinor;
  commission_minor: SqlMinor;
  share_minor: SqlMinor;
  state: ConversionState;
  occurred_at: SqlDate | null;
  created_at: SqlDate;
  expected_confirmation_at: SqlDate | null;
  network_reason: string | null;
  shop_slug: string | null;
  shop_name: string | null;
  rule_kind: CashbackRuleKind | null;
  rule_rate_bp: number | null;
  rule_fixed_minor: SqlMinor | null;
  rule_currency: Currency | null;
  rule_category: string | null;
  event_revision: number | null;
  event_state: ConversionState | null;
  event_share_minor: SqlMinor | null;
  event_reason: string | null;
  event_created_at: SqlDate | null;
}

/** A keyset position: the purchase a page continues after, `created_at` as SQL text. */
export interface PurchaseKey {
  createdAt: SqlDate;
  id: string;
}

/**
 * DATETIME columns are read as their text, `YYYY-MM-DD HH:MM:SS.mmm` on both dialects (MariaDB's
 * CAST of a DATETIME(3), SQLite's stored text), and turned into ISO 8601 by moving two characters:
 * a page has some 60 dates, and a Date object for each (parsed by the driver, then formatted
 * again) was a tenth of the request's CPU.
 */
const text = (column: string) => `CAST(${column} AS CHAR)`;

/** The shopper's purchases, read only ever for their owner. */
export class PurchasesRepository {
  constructor(private readonly database: Database) {}

  /**
   * The owner's purchases after `after`, newest first, at most `limit` of them (the caller asks one
   * more to learn whether a page follows), keyset on (created_at, id) over the (user_id,
   * created_at, id) index — never OFFSET — with each one's shop, rule and history joined in: one
   * query per page. The joined rows come back unordered (the caller puts them in order): an outer
   * ORDER BY would cost MariaDB a temporary table and a sort for what are 20 purchases.
   */
  page(userId: string, after: PurchaseKey | undefined, limit: number): Promise<PurchaseRow[]> {
    // MariaDB reads a keyset page as `ref` on user_id alone and filters row by row (a deep page of
    // a shopper with 10,000 purchases read 5,000 rows for 20); FORCE INDEX makes it the range on
    // all three key parts that it is (21 rows read). SQLite picks that range unaided.
    const forceIndex = this.database.dialect === 'mysql' ? 'FORCE INDEX (ix_conversions_user)' : '';
    const keyset = after ? 'AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))' : '';
    return this.database.run((manager) =>
      manager.query<PurchaseRow[]>(
        `SELECT p.id, p.external_order_id, p.currency, p.order_amount_minor, p.commission_minor,
                p.share_minor, p.state, ${text('p.occurred_at')} AS occurred_at,
                ${text('p.created_at')} AS created_at,
                ${text('p.expected_confirmation_at')} AS expected_confirmation_at, p.network_reason,
                s.slug AS shop_slug, s.name AS shop_name,
                r.kind AS rule_kind, r.rate_bp AS rule_rate_bp, r.fixed_minor AS rule_fixed_minor,
                r.currency AS rule_currency, r.category AS rule_category,
                e.revision AS event_revision, e.state AS event_state,
                e.share_minor AS event_share_minor, e.reason AS event_reason,
                ${text('e.created_at')} AS event_created_at
           FROM (SELECT c.id, c.external_order_id, c.currency, c.order_amount_minor, c.commission_minor,
                        c.share_minor, c.state, c.occurred_at, c.created_at, c.expected_confirmation_at,
                        c.network_reason, c.shop_id, c.rule_id
                   FROM conversions c ${forceIndex}
                  WHERE c.user_id = ? ${keyset}
                  ORDER BY c.created_at DESC, c.id DESC
                  LIMIT ?) p
           LEFT JOIN shops s ON s.id = p.shop_id
           LEFT JOIN cashback_rules r ON r.id = p.rule_id
           LEFT JOIN conversion_events e ON e.conversion_id = p.id AND e.user_id = ?`,
        [userId, ...(after ? [after.createdAt, after.createdAt, after.id] : []), limit, userId],
      ),
    );
  }
}
