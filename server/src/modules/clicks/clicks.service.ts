import { VISITOR_COOKIE_DAYS, type MyClick } from '@shared/contracts/clicks.js';
import { ID128_PATTERN } from '@shared/ids.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { Click } from './click.entity.js';
import { sqlDateTime } from '../../platform/db/sql-time.js';

interface ClickRow {
  id: string;
  created_at: string | Date;
  shop_slug: string;
  shop_name: string;
  purchase_state: 'pending' | 'approved' | 'settled' | 'rejected' | null;
}

function toIso(value: string | Date): string {
  return (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`)).toISOString();
}

export class ClicksService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * My clicks, newest first: shop and time (never the IP), keyset-paginated on (created_at, id).
   * A shopper's clicks carry no visitor link, so `visitor_id IS NULL` only makes the page a range
   * of the (user_id, visitor_id, created_at, id) index.
   */
  async listForUser(userId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['createdAt', 'id']);
    const parameters: unknown[] = [userId];
    let keyset = '';
    if (after) {
      // `created_at <= ?` makes the keyset a range on the (user_id, created_at, id) index.
      keyset = 'AND c.created_at <= ? AND (c.created_at < ? OR c.id < ?)';
      const at = sqlDateTime(new Date(after.createdAt));
      parameters.push(at, at, after.id);
    }
    parameters.push(limit + 1);
    const rows = await this.database.manager.query<ClickRow[]>(
      `SELECT c.id, c.created_at, s.slug AS shop_slug, s.name AS shop_name,
              (SELECT v.state FROM conversions v WHERE v.click_id = c.id AND v.user_id = c.user_id
                ORDER BY v.id DESC LIMIT 1) AS purchase_state
         FROM clicks c JOIN shops s ON s.id = c.shop_id
        WHERE c.user_id = ? AND c.visitor_id IS NULL ${keyset}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ?`,
      parameters,
    );
    const page: MyClick[] = rows.slice(0, limit).map((row) => ({
      id: row.id,
      shop: { slug: row.shop_slug, name: row.shop_name },
      createdAt: toIso(row.created_at),
      purchase: row.purchase_state ? { state: row.purchase_state } : null,
    }));
    const last = page.at(-1);
    return {
      items: page,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /**
   * After a login: clicks this browser made as a visitor within the cookie window become the user's,
   * and lose the visitor link (it would tie the browser to the account for no purpose).
   */
  async attachVisitorClicks(userId: string, visitorId: string | undefined): Promise<number> {
    if (!visitorId || !ID128_PATTERN.test(visitorId)) return 0;
    const since = new Date(this.clock.now().getTime() - VISITOR_COOKIE_DAYS * 86400_000);
    return this.database.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Click)
        .set({ userId, visitorId: null })
        .where('user_id IS NULL AND visitor_id = :visitorId AND created_at >= :since', {
          visitorId,
          since: sqlDateTime(since),
        })
        .execute();
      return result.affected ?? 0;
    });
  }
}
