import type { Currency } from '@shared/markets.js';
import type { Balance, Purchase } from '@shared/contracts/money-path.js';
import { toMoney } from '@shared/money.js';
import type { Database } from '../../platform/db/database.js';
import { sqlDateTime } from '../../platform/db/sql-time.js';
import { moneyTransformer } from '../../platform/db/transformers.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { ConversionState } from './conversion-state.js';

/** DATETIME read as text (see `DATETIME_AS_TEXT`), in UTC. */
type SqlDate = string;
type SqlMinor = string | number;

/** One purchase of the page joined with one step of its history (none: the event columns are null). */
interface PurchaseRow {
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
  event_revision: number | null;
  event_state: ConversionState | null;
  event_share_minor: SqlMinor | null;
  event_reason: string | null;
  event_created_at: SqlDate | null;
}

const NUMERIC_ID = /^[1-9][0-9]{0,18}$/;

/**
 * DATETIME columns are read as their text, `YYYY-MM-DD HH:MM:SS.mmm` on both dialects (MariaDB's
 * CAST of a DATETIME(3), SQLite's stored text), and turned into ISO 8601 by moving two characters:
 * a page has some 60 dates, and a Date object for each (parsed by the driver, then formatted
 * again) was a tenth of the request's CPU.
 */
const text = (column: string) => `CAST(${column} AS CHAR)`;

/** What the shopper sees of their money: cached balances and their purchases with history. */
export class PurchasesService {
  constructor(
    private readonly database: Database,
    private readonly ledger: Ledger,
  ) {}

  async balances(userId: string): Promise<Balance[]> {
    const balances = await this.ledger.balancesOf(userId);
    return balances.map((balance) => ({
      currency: balance.currency,
      pending: toMoney(balance.pending, balance.currency),
      available: toMoney(balance.available, balance.currency),
      payoutHold: toMoney(balance.payoutHold, balance.currency),
      paidOut: toMoney(balance.paidOut, balance.currency),
      debt: toMoney(balance.debt, balance.currency),
    }));
  }

  /**
   * Newest first, keyset on (created_at, id) over the (user_id, created_at, id) index — never
   * OFFSET — with each purchase's shop and state history joined in: one query per page. The joined
   * rows come back unordered and are put in order here: an outer ORDER BY would cost MariaDB a
   * temporary table and a sort for what are 20 purchases.
   */
  async purchases(userId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : afterKey(cursor);
    // MariaDB reads a keyset page as `ref` on user_id alone and filters row by row (a deep page of
    // a shopper with 10,000 purchases read 5,000 rows for 20); FORCE INDEX makes it the range on
    // all three key parts that it is (21 rows read). SQLite picks that range unaided.
    const forceIndex = this.database.dialect === 'mysql' ? 'FORCE INDEX (ix_conversions_user)' : '';
    const keyset = after ? 'AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))' : '';
    const rows = await this.database.run((manager) =>
      manager.query<PurchaseRow[]>(
        `SELECT p.id, p.external_order_id, p.currency, p.order_amount_minor, p.commission_minor,
                p.share_minor, p.state, ${text('p.occurred_at')} AS occurred_at,
                ${text('p.created_at')} AS created_at,
                ${text('p.expected_confirmation_at')} AS expected_confirmation_at, p.network_reason,
                s.slug AS shop_slug, s.name AS shop_name, e.revision AS event_revision, e.state AS event_state,
                e.share_minor AS event_share_minor, e.reason AS event_reason,
                ${text('e.created_at')} AS event_created_at
           FROM (SELECT c.id, c.external_order_id, c.currency, c.order_amount_minor, c.commission_minor,
                        c.share_minor, c.state, c.occurred_at, c.created_at, c.expected_confirmation_at,
                        c.network_reason, c.shop_id
                   FROM conversions c ${forceIndex}
                  WHERE c.user_id = ? ${keyset}
                  ORDER BY c.created_at DESC, c.id DESC
                  LIMIT ?) p
           LEFT JOIN shops s ON s.id = p.shop_id
           LEFT JOIN conversion_events e ON e.conversion_id = p.id AND e.user_id = ?`,
        [userId, ...(after ? [after.createdAt, after.createdAt, after.id] : []), limit + 1, userId],
      ),
    );
    const byId = new Map<string, { row: PurchaseRow; createdAt: string; events: PurchaseRow[] }>();
    for (const row of rows) {
      const id = String(row.id);
      let purchase = byId.get(id);
      if (!purchase) byId.set(id, (purchase = { row, createdAt: iso(row.created_at), events: [] }));
      if (row.event_revision !== null) purchase.events.push(row);
    }
    const newestFirst = [...byId.values()].sort(
      (a, b) => compare(b.createdAt, a.createdAt) || compareIds(String(b.row.id), String(a.row.id)),
    );
    const page = newestFirst.slice(0, limit); // the limit + 1st only says that there is a next page
    const items: Purchase[] = page.map(({ row, createdAt, events }) => ({
      ...toPurchase(row, createdAt),
      history: events
        .sort((a, b) => a.event_revision! - b.event_revision!)
        .map((event) => ({
          state: event.event_state!,
          at: iso(event.event_created_at!),
          share: toMoney(minor(event.event_share_minor!), row.currency),
          reason: event.event_reason,
        })),
    }));
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        newestFirst.length > limit && last
          ? encodeCursor({ createdAt: last.createdAt, id: String(last.row.id) })
          : null,
    };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Decimal ids without leading zeros: the longer is the larger. */
const compareIds = (a: string, b: string) => a.length - b.length || compare(a, b);

function toPurchase(row: PurchaseRow, createdAt: string): Omit<Purchase, 'history'> {
  return {
    id: String(row.id),
    shop:
      row.shop_slug !== null && row.shop_name !== null ? { slug: row.shop_slug, name: row.shop_name } : null,
    orderId: row.external_order_id,
    orderAmount: toMoney(minor(row.order_amount_minor), row.currency),
    commission: toMoney(minor(row.commission_minor), row.currency),
    share: toMoney(minor(row.share_minor), row.currency),
    state: row.state,
    occurredAt: isoOrNull(row.occurred_at),
    createdAt,
    expectedConfirmationAt: isoOrNull(row.expected_confirmation_at),
    reason: row.network_reason,
  };
}

/** The keyset position a cursor names; anything this API did not hand out is a 400. */
function afterKey(cursor: string): { createdAt: string; id: string } {
  const key = decodeCursor(cursor, ['createdAt', 'id']);
  const createdAt = new Date(key.createdAt);
  if (Number.isNaN(createdAt.getTime()) || !NUMERIC_ID.test(key.id)) {
    throw new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
  }
  return { createdAt: sqlDateTime(createdAt), id: key.id };
}

/** BIGINT minor units as the drivers return them (string or safe number), checked by the transformer. */
function minor(value: SqlMinor): bigint {
  return moneyTransformer.from(value) as bigint;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` (UTC) → `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly as `toISOString()` writes it. */
function iso(value: SqlDate): string {
  if (value.length === 23 && value[10] === ' ') return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString(); // any other stored form, e.g. without ms
}

function isoOrNull(value: SqlDate | null): string | null {
  return value === null ? null : iso(value);
}
