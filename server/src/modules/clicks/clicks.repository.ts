import type { EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { dateFromSql, sqlDateTime } from '../../platform/db/sql-time.js';
import { idTransformer } from '../../platform/db/transformers.js';
import { Click } from './click.entity.js';

/** What a click tells a conversion: whose it is, for which shop and network, and when. */
export type ClickRef = Pick<Click, 'id' | 'userId' | 'shopId' | 'networkId' | 'createdAt'>;

export interface MyClickRow {
  id: string;
  created_at: string | Date;
  shop_slug: string;
  shop_name: string;
  purchase_state: 'pending' | 'approved' | 'settled' | 'rejected' | null;
}

/** The queries of the clicks module (the click writer has its own prepared batch INSERT). */
export class ClicksRepository {
  constructor(private readonly database: Database) {}

  /**
   * A shopper's clicks, newest first, `limit + 1` rows from the keyset on. A shopper's clicks carry
   * no visitor link, so `visitor_id IS NULL` makes the page a range of the
   * (user_id, visitor_id, created_at, id) index. The purchase state is read from conversions by
   * click id: a display join, not a write.
   */
  pageForUser(
    userId: string,
    limit: number,
    after: { createdAt: Date; id: string } | undefined,
  ): Promise<MyClickRow[]> {
    const parameters: unknown[] = [userId];
    let keyset = '';
    if (after) {
      // `created_at <= ?` makes the keyset a range on the index.
      keyset = 'AND c.created_at <= ? AND (c.created_at < ? OR c.id < ?)';
      const at = sqlDateTime(after.createdAt);
      parameters.push(at, at, after.id);
    }
    parameters.push(limit + 1);
    return this.database.manager.query<MyClickRow[]>(
      `SELECT c.id, c.created_at, s.slug AS shop_slug, s.name AS shop_name,
              (SELECT v.state FROM conversions v WHERE v.click_id = c.id AND v.user_id = c.user_id
                ORDER BY v.id DESC LIMIT 1) AS purchase_state
         FROM clicks c JOIN shops s ON s.id = c.shop_id
        WHERE c.user_id = ? AND c.visitor_id IS NULL ${keyset}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ?`,
      parameters,
    );
  }

  /** Gives a visitor's clicks made since `since` to the user, dropping the visitor link. */
  async attachVisitorClicks(userId: string, visitorId: string, since: Date): Promise<number> {
    const result = await this.database.manager
      .createQueryBuilder()
      .update(Click)
      .set({ userId, visitorId: null })
      .where('user_id IS NULL AND visitor_id = :visitorId AND created_at >= :since', {
        visitorId,
        since: sqlDateTime(since),
      })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * The shopper's latest click on a shop before `before`: the visit a missed purchase is claimed
   * for. A range of the (user_id, visitor_id, created_at, id) index, newest first.
   */
  async latestForShop(
    manager: EntityManager,
    userId: string,
    shopId: string,
    before: Date,
  ): Promise<ClickRef | null> {
    const click = await manager
      .getRepository(Click)
      .createQueryBuilder('c')
      .select(['c.id', 'c.userId', 'c.shopId', 'c.networkId', 'c.createdAt'])
      .where(
        'c.user_id = :userId AND c.visitor_id IS NULL AND c.shop_id = :shopId AND c.created_at < :before',
        {
          userId,
          shopId,
          before: sqlDateTime(before),
        },
      )
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(1)
      .getOne();
    return click
      ? {
          id: click.id,
          userId: click.userId,
          shopId: click.shopId,
          networkId: click.networkId,
          createdAt: click.createdAt,
        }
      : null;
  }

  /** The clicks with these ids, in the caller's transaction (conversions attribute orders by them). */
  async refsByIds(manager: EntityManager, ids: string[]): Promise<Map<string, ClickRef>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.database.sql(
      manager.queryRunner!,
      `SELECT id, user_id, shop_id, network_id, created_at FROM clicks WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(
      rows.map((row) => [
        String(row.id),
        {
          id: String(row.id),
          userId: (idTransformer.from(row.user_id ?? null) as string | null) ?? null,
          shopId: String(row.shop_id),
          networkId: String(row.network_id),
          createdAt: dateFromSql(row.created_at),
        },
      ]),
    );
  }
}
