import { In } from 'typeorm';
import type { Balance, Purchase } from '@shared/contracts/money-path.js';
import { toMoney } from '@shared/money.js';
import type { Database } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Ledger } from '../ledger/ledger.service.js';
import { Shop } from '../shops/shop.entity.js';
import { ConversionEvent } from './conversion-event.entity.js';
import { Conversion } from './conversion.entity.js';

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

  /** Newest first, keyset on (created_at, id) over the (user_id, created_at, id) index: never OFFSET. */
  async purchases(userId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['createdAt', 'id']);
    const query = this.database.manager
      .getRepository(Conversion)
      .createQueryBuilder('c')
      .where('c.user_id = :userId', { userId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (after) {
      const createdAt = new Date(after.createdAt);
      // The first conjunct alone is a range on the (user_id, created_at, id) index; the OR alone is not.
      query.andWhere('c.created_at <= :createdAt AND (c.created_at < :createdAt OR c.id < :id)', {
        createdAt,
        id: after.id,
      });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const ids = page.map((conversion) => conversion.id);
    const shopIds = [
      ...new Set(page.map((conversion) => conversion.shopId).filter((id): id is string => id !== null)),
    ];
    const [events, shops] = await Promise.all([
      ids.length
        ? this.database.manager.find(ConversionEvent, {
            where: { conversionId: In(ids), userId },
            order: { id: 'ASC' },
          })
        : [],
      shopIds.length ? this.database.manager.find(Shop, { where: { id: In(shopIds) } }) : [],
    ]);
    const shopById = new Map(shops.map((shop) => [shop.id, shop]));
    const items: Purchase[] = page.map((conversion) => {
      const shop = conversion.shopId ? shopById.get(conversion.shopId) : undefined;
      return {
        id: conversion.id,
        shop: shop ? { slug: shop.slug, name: shop.name } : null,
        orderId: conversion.externalOrderId,
        orderAmount: toMoney(conversion.orderAmountMinor, conversion.currency),
        commission: toMoney(conversion.commissionMinor, conversion.currency),
        share: toMoney(conversion.shareMinor, conversion.currency),
        state: conversion.state,
        occurredAt: conversion.occurredAt?.toISOString() ?? null,
        createdAt: conversion.createdAt.toISOString(),
        expectedConfirmationAt: conversion.expectedConfirmationAt?.toISOString() ?? null,
        reason: conversion.networkReason,
        history: events
          .filter((event) => event.conversionId === conversion.id)
          .map((event) => ({
            state: event.state,
            at: event.createdAt.toISOString(),
            share: toMoney(event.shareMinor, conversion.currency),
            reason: event.reason,
          })),
      };
    });
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }
}
