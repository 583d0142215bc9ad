import { VISITOR_COOKIE_DAYS, type MyClick } from '@shared/contracts/clicks.js';
import { ID128_PATTERN } from '@shared/ids.js';
import type { Clock } from '../../platform/clock.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { ClicksRepository } from './clicks.repository.js';

function toIso(value: string | Date): string {
  return (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`)).toISOString();
}

export class ClicksService {
  constructor(
    private readonly clicks: ClicksRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * My clicks, newest first: shop and time (never the IP), keyset-paginated on (created_at, id).
   * A shopper's clicks carry no visitor link, so `visitor_id IS NULL` only makes the page a range
   * of the (user_id, visitor_id, created_at, id) index.
   */
  async listForUser(userId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['createdAt', 'id']);
    if (after && (!ID128_PATTERN.test(after.id) || Number.isNaN(new Date(after.createdAt).getTime()))) {
      throw new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
    }
    const rows = await this.clicks.pageForUser(
      userId,
      limit,
      after ? { createdAt: new Date(after.createdAt), id: after.id } : undefined,
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
    return this.clicks.attachVisitorClicks(userId, visitorId, since);
  }
}
