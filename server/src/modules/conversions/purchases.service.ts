import type { Balance, Purchase } from '@shared/contracts/money-path.js';
import { toMoney } from '@shared/money.js';
import type { Database } from '../../platform/db/database.js';
import { sqlDateTime } from '../../platform/db/sql-time.js';
import { moneyTransformer } from '../../platform/db/transformers.js';
import { decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Ledger } from '../ledger/index.js';
import {
  PurchasesRepository,
  type PurchaseKey,
  type PurchaseRow,
  type SqlDate,
  type SqlMinor,
} from './purchases.repository.js';

/** What the shopper sees of their money: cached balances and their purchases with history. */
export class PurchasesService {
  private readonly repository: PurchasesRepository;

  constructor(
    database: Database,
    private readonly ledger: Ledger,
  ) {
    this.repository = new PurchasesRepository(database);
  }

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

  /** Newest first, keyset-paginated, each purchase with its shop, its rate and its state history. */
  async purchases(userId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : afterKey(cursor);
    const rows = await this.repository.page(userId, after, limit + 1);
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
    rule: row.rule_kind === null ? null : ruleOf(row),
  };
}

/** The rule a purchase was credited under: its kind, rate or amount, and category. */
function ruleOf(row: PurchaseRow): NonNullable<Purchase['rule']> {
  return {
    kind: row.rule_kind!,
    basisPoints: row.rule_rate_bp === null ? null : Number(row.rule_rate_bp),
    fixed:
      row.rule_fixed_minor !== null && row.rule_currency !== null
        ? toMoney(minor(row.rule_fixed_minor), row.rule_currency)
        : null,
    category: row.rule_category,
  };
}

/** The keyset position a cursor names; anything this API did not hand out is a 400. */
function afterKey(cursor: string): PurchaseKey {
  const { createdAt, id } = decodeTimeCursor(cursor);
  return { createdAt: sqlDateTime(createdAt), id };
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
