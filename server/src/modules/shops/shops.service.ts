import type {
  CashbackHeadline,
  ShopDetail,
  ShopListQuery,
  ShopPage,
  ShopSummary,
} from '@shared/contracts/shops.js';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { CashbackRule } from './cashback-rule.entity.js';
import { headlineOf, ratesOf } from './cashback-rates.js';
import type { ShopWithRules, ShopsRepository } from './shops.repository.js';

/**
 * The public shop catalogue. Shops change rarely and are read on every page and every click, so
 * the whole active catalogue lives in memory and is reloaded after any change (`invalidate`).
 */
export class ShopsService {
  private catalogue: Promise<ShopWithRules[]> | undefined;
  private bySlug: Map<string, ShopWithRules> | undefined;
  private byId: Map<string, ShopWithRules> | undefined;
  private bySlugSource: Promise<ShopWithRules[]> | undefined;

  constructor(
    private readonly repository: ShopsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Told whenever the catalogue is dropped — after a change here, or one another process made —
   * so caches derived from shops and networks (postbacks' networks) drop with it.
   */
  readonly onInvalidate = new Set<() => void>();

  invalidate(): void {
    this.catalogue = undefined;
    for (const listener of this.onInvalidate) listener();
  }

  private load(): Promise<ShopWithRules[]> {
    if (!this.catalogue) {
      const loading = this.repository.loadActiveCatalogue();
      this.catalogue = loading;
      // A failed load must not be cached.
      loading.catch(() => {
        if (this.catalogue === loading) this.catalogue = undefined;
      });
    }
    return this.catalogue;
  }

  async list(query: ShopListQuery): Promise<ShopPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['name', 'id']);
    const needle = query.q?.toLocaleLowerCase('cs');
    const now = this.clock.now();
    const matching = (await this.load()).filter(
      ({ shop }) =>
        (query.market === undefined || shop.marketCode === query.market) &&
        (query.category === undefined || shop.categories.includes(query.category)) &&
        (needle === undefined || shop.name.toLocaleLowerCase('cs').includes(needle)) &&
        (after === undefined || compareKey(shop.name, shop.id, after.name, after.id) > 0),
    );
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((entry) => toSummary(entry, now)),
      nextCursor:
        matching.length > query.limit && last
          ? encodeCursor({ name: last.shop.name, id: last.shop.id })
          : null,
    };
  }

  /**
   * The active shop with this slug when the catalogue is already in memory; `null` when it is not
   * loaded yet (then use `findActive`). Synchronous for the click redirect.
   */
  findActiveCached(slug: string): ShopWithRules | undefined | null {
    if (!this.bySlug || this.bySlugSource !== this.catalogue) return null;
    return this.bySlug.get(slug);
  }

  /** The active shop with this id from the in-memory catalogue (the postback path's lookup). */
  async findActiveById(id: string): Promise<ShopWithRules | undefined> {
    return (await this.indexes()).byId.get(id);
  }

  /**
   * Shops with all their rules for the money path, in the caller's transaction: active ones from the
   * in-memory catalogue, any other (a shop deactivated since the click) from the database.
   */
  async withRulesForMoney(manager: EntityManager, ids: string[]): Promise<Map<string, ShopWithRules>> {
    const found = new Map<string, ShopWithRules>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = await this.findActiveById(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    for (const entry of await this.repository.withRulesByIds(manager, missing))
      found.set(entry.shop.id, entry);
    return found;
  }

  /** Rules by id, in the caller's transaction (those a stored conversion was credited under). */
  rulesByIds(manager: EntityManager, ids: string[]): Promise<CashbackRule[]> {
    return this.repository.rulesByIds(manager, ids);
  }

  /** The active shop with this slug from the in-memory catalogue (no query once it is loaded). */
  async findActive(slug: string): Promise<ShopWithRules | undefined> {
    return (await this.indexes()).bySlug.get(slug);
  }

  /** Lookups by slug and id, rebuilt whenever the catalogue is reloaded. */
  private async indexes(): Promise<{ bySlug: Map<string, ShopWithRules>; byId: Map<string, ShopWithRules> }> {
    if (!this.bySlug || !this.byId || this.bySlugSource !== this.catalogue) {
      const source = this.load();
      const entries = await source;
      this.bySlug = new Map(entries.map((entry) => [entry.shop.slug, entry]));
      this.byId = new Map(entries.map((entry) => [entry.shop.id, entry]));
      this.bySlugSource = source;
    }
    return { bySlug: this.bySlug, byId: this.byId };
  }

  async get(slug: string): Promise<ShopDetail> {
    const entry = await this.findActive(slug);
    if (!entry) throw new AppError('SHOP_NOT_FOUND', 404, 'There is no active shop with this address.');
    const now = this.clock.now();
    const inForce = entry.rules.filter((rule) => isInForce(rule, now));
    return {
      ...toSummary(entry, now),
      description: entry.shop.description,
      conditions: entry.shop.conditions,
      confirmationDays: entry.shop.confirmationDays,
      cashbackRates: ratesOf(inForce),
      rules: inForce.map((rule) => ({
        category: rule.category,
        kind: rule.kind,
        basisPoints: rule.rateBasisPoints,
        fixed:
          rule.fixedMinor !== null && rule.currency !== null
            ? { amountMinor: rule.fixedMinor.toString(), currency: rule.currency }
            : null,
        validFrom: rule.validFrom?.toISOString() ?? null,
        validTo: rule.validTo?.toISOString() ?? null,
      })),
    };
  }
}

/** Keyset order of the catalogue: name, then id (ids compare numerically). */
function compareKey(name: string, id: string, otherName: string, otherId: string): number {
  if (name !== otherName) return name < otherName ? -1 : 1;
  return Number(BigInt(id) - BigInt(otherId));
}

export function isInForce(rule: CashbackRule, now: Date): boolean {
  return (rule.validFrom === null || rule.validFrom <= now) && (rule.validTo === null || rule.validTo > now);
}

function toSummary({ shop, rules }: ShopWithRules, now: Date): ShopSummary {
  return {
    slug: shop.slug,
    name: shop.name,
    market: shop.marketCode,
    logoUrl: shop.logoUrl,
    categories: shop.categories,
    cashback: headline(rules.filter((rule) => isInForce(rule, now))),
  };
}

/** "Up to X %": see `headlineOf` (cashback-rates.ts), which the money path agrees with. */
export function headline(rules: CashbackRule[]): CashbackHeadline | null {
  return headlineOf(rules);
}
