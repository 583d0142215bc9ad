import type { EntityManager } from 'typeorm';
import type {
  AdminCashbackRule,
  AdminShop,
  AdminShopDetail,
  AdminShopQuery,
  CashbackRuleCreate,
  CashbackRuleState,
  ShopCreate,
  ShopUpdate,
} from '@shared/contracts/admin-catalogue.js';
import { MARKET_CURRENCY } from '@shared/markets.js';
import { validateTrackingTemplate } from '@shared/tracking-template.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { changedFields } from '../audit/index.js';
import type { Network } from '../networks/index.js';
import { NetworksRepository } from '../networks/index.js';
import { refuseTakenSlug, type CatalogueDeps, type StaffActor } from '../networks/index.js';
import type { CashbackRule } from './cashback-rule.entity.js';
import { bumpCatalogueVersion } from './catalogue-version.repository.js';
import type { Shop } from './shop.entity.js';
import { ShopsRepository, type ShopValues } from './shops.repository.js';
import { headline, isInForce } from './shops.service.js';

export interface ShopsAdminDeps extends CatalogueDeps {
  /** `!config.isProduction`: the demo shops' http://localhost templates. */
  allowHttpLocalhost: boolean;
}

/**
 * Staff management of shops and their cashback rules. Every change is audited and moves the
 * catalogue's version stamp in its transaction, and then drops this process's cached public
 * catalogue, so shoppers see it on their next request here (and within about a second through
 * every other process, see catalogue-version.ts).
 *
 * Rules are never edited: the money path pays "the rule in force at the click time", so a change
 * is a new rule plus the end of the old one, and ending a rule keeps its row (see README.md).
 */
export class ShopsAdminService {
  private readonly repository: ShopsRepository;
  private readonly networks: NetworksRepository;

  constructor(private readonly deps: ShopsAdminDeps) {
    this.networks = new NetworksRepository(deps.database);
    this.repository = new ShopsRepository(deps.database, this.networks);
  }

  async list(query: AdminShopQuery) {
    let networkId: string | undefined;
    if (query.network !== undefined) {
      const network = await this.networks.findBySlug(query.network);
      if (!network) return { items: [], nextCursor: null };
      networkId = network.id;
    }
    const afterSlug = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['slug']).slug;
    const rows = await this.repository.adminPage({
      ...(query.market !== undefined ? { market: query.market } : {}),
      ...(networkId !== undefined ? { networkId } : {}),
      ...(query.active !== undefined ? { isActive: query.active } : {}),
      ...(query.q !== undefined ? { search: query.q } : {}),
      ...(afterSlug !== undefined ? { afterSlug } : {}),
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const [networkSlugs, rules] = await Promise.all([
      this.networks.slugsById(page.map((shop) => shop.networkId)),
      this.repository.rulesOf(page.map((shop) => shop.id)),
    ]);
    const now = this.deps.clock.now();
    return {
      items: page.map((shop) =>
        toAdminShop(
          shop,
          networkSlugs.get(shop.networkId)!,
          rules.filter((rule) => rule.shopId === shop.id),
          now,
        ),
      ),
      nextCursor: rows.length > query.limit ? encodeCursor({ slug: page.at(-1)!.slug }) : null,
    };
  }

  async get(slug: string): Promise<AdminShopDetail> {
    const shop = await this.repository.findBySlug(slug);
    if (!shop) throw shopNotFound();
    return this.detail(shop);
  }

  async create(actor: StaffActor, input: ShopCreate): Promise<AdminShopDetail> {
    this.assertTrackingTemplate(input.trackingTemplate);
    const now = this.deps.clock.now();
    const shop = await refuseTakenSlug('shop', () =>
      this.deps.database.transaction(async (manager) => {
        const network = await this.requireNetwork(manager, input.networkSlug);
        const { market, networkSlug: _networkSlug, ...fields } = input;
        const saved = await this.repository.insertShop(manager, {
          ...fields,
          marketCode: market,
          networkId: network.id,
          createdAt: now,
          updatedAt: now,
        });
        await this.deps.audit.record(
          {
            action: 'shop_changed',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: null,
            client: actor.client,
            before: null,
            after: { shop: saved.slug, ...input },
          },
          manager,
        );
        await bumpCatalogueVersion(manager);
        return saved;
      }),
    );
    this.deps.shops.invalidate();
    return this.detail(shop);
  }

  /** Changes the given fields; the slug and the market never change (see ShopUpdateSchema). */
  async update(actor: StaffActor, slug: string, patch: ShopUpdate): Promise<AdminShopDetail> {
    if (patch.trackingTemplate !== undefined) this.assertTrackingTemplate(patch.trackingTemplate);
    const now = this.deps.clock.now();
    const { shop, changed } = await this.deps.database.transaction(async (manager) => {
      const current = await this.repository.findBySlugForUpdate(manager, slug);
      if (!current) throw shopNotFound();
      const { networkSlug, ...fields } = patch;
      const proposed: Partial<ShopValues> = fields;
      if (networkSlug !== undefined)
        proposed.networkId = (await this.requireNetwork(manager, networkSlug)).id;
      const change = changedFields(current, proposed);
      if (!change) return { shop: current, changed: false };
      await this.repository.updateShop(manager, current.id, { ...change.after, updatedAt: now });
      await this.deps.audit.record(
        {
          action: 'shop_changed',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          before: { shop: slug, ...(await this.withNetworkSlug(manager, change.before)) },
          after: { shop: slug, ...(await this.withNetworkSlug(manager, change.after)) },
        },
        manager,
      );
      await bumpCatalogueVersion(manager);
      return { shop: { ...current, ...change.after, updatedAt: now }, changed: true };
    });
    if (changed) this.deps.shops.invalidate();
    return this.detail(shop);
  }

  async rules(slug: string): Promise<{ items: AdminCashbackRule[] }> {
    const shop = await this.repository.findBySlug(slug);
    if (!shop) throw shopNotFound();
    const now = this.deps.clock.now();
    return { items: (await this.repository.rulesOf([shop.id])).map((rule) => toAdminRule(rule, now)) };
  }

  /**
   * Adds a rule, in force from `validFrom` (now when omitted) until `validTo`. A rule never starts
   * in the past, so clicks already made keep being paid by the rules that were in force then.
   */
  async addRule(actor: StaffActor, slug: string, input: CashbackRuleCreate): Promise<AdminCashbackRule> {
    const now = this.deps.clock.now();
    const validFrom = input.validFrom === undefined ? now : new Date(input.validFrom);
    const validTo = input.validTo === undefined ? null : new Date(input.validTo);
    if (validFrom < now) {
      throw invalidPeriod(
        'validFrom',
        'A rule cannot start in the past: purchases from earlier clicks keep the rules in force then. Leave it empty to start now.',
      );
    }
    if (validTo !== null && validTo <= validFrom) {
      throw invalidPeriod('validTo', 'The rule must end after it starts (now, when no start is given).');
    }
    const rule = await this.deps.database.transaction(async (manager) => {
      const shop = await this.repository.findBySlugForUpdate(manager, slug);
      if (!shop) throw shopNotFound();
      const currency = MARKET_CURRENCY[shop.marketCode];
      if (input.kind === 'fixed' && input.fixedAmount.currency !== currency) {
        const message = `This shop pays in ${currency}.`;
        throw new AppError('CURRENCY_MISMATCH', 400, message, {
          errors: [{ path: 'fixedAmount.currency', message }],
        });
      }
      const saved = await this.repository.insertRule(manager, {
        shopId: shop.id,
        kind: input.kind,
        category: input.category ?? null,
        rateBasisPoints: input.kind === 'fixed' || input.kind === 'excluded' ? null : input.basisPoints,
        fixedMinor: input.kind === 'fixed' ? BigInt(input.fixedAmount.amountMinor) : null,
        currency: input.kind === 'fixed' ? currency : null,
        validFrom,
        validTo,
        createdAt: now,
      });
      await this.deps.audit.record(
        {
          action: 'cashback_rule_changed',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          before: null,
          after: { shop: slug, ...auditedRule(saved, now) },
        },
        manager,
      );
      await bumpCatalogueVersion(manager);
      return saved;
    });
    this.deps.shops.invalidate();
    return toAdminRule(rule, now);
  }

  /**
   * "Deletes" a rule without rewriting history: a rule in force ends now (its row stays, since
   * earlier clicks are paid by it); a scheduled rule never applied to any click and is removed; an
   * ended rule stays as it is.
   */
  async endRule(actor: StaffActor, slug: string, ruleId: string): Promise<void> {
    const now = this.deps.clock.now();
    const changed = await this.deps.database.transaction(async (manager) => {
      const shop = await this.repository.findBySlugForUpdate(manager, slug);
      if (!shop) throw shopNotFound();
      const rule = await this.repository.findRule(manager, shop.id, ruleId);
      if (!rule) throw new AppError('RULE_NOT_FOUND', 404, 'This shop has no such cashback rule.');
      const record = (before: Record<string, unknown>, after: Record<string, unknown> | null) =>
        this.deps.audit.record(
          {
            action: 'cashback_rule_changed',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: null,
            client: actor.client,
            before: { shop: slug, ...before },
            after: after && { shop: slug, ...after },
          },
          manager,
        );
      const state = ruleState(rule, now);
      switch (state) {
        case 'ended':
          return false;
        case 'scheduled':
          await this.repository.deleteRule(manager, rule.id);
          await record(auditedRule(rule, now), null);
          await bumpCatalogueVersion(manager);
          return true;
        case 'in_force':
          await this.repository.endRule(manager, rule.id, now);
          await record(
            { ruleId: rule.id, validTo: rule.validTo?.toISOString() ?? null },
            { ruleId: rule.id, validTo: now.toISOString() },
          );
          await bumpCatalogueVersion(manager);
          return true;
      }
    });
    if (changed) this.deps.shops.invalidate();
  }

  private async detail(shop: Shop): Promise<AdminShopDetail> {
    const [networkSlugs, rules] = await Promise.all([
      this.networks.slugsById([shop.networkId]),
      this.repository.rulesOf([shop.id]),
    ]);
    const now = this.deps.clock.now();
    return {
      ...toAdminShop(shop, networkSlugs.get(shop.networkId)!, rules, now),
      rules: rules.map((rule) => toAdminRule(rule, now)),
    };
  }

  private assertTrackingTemplate(template: string): void {
    const message = validateTrackingTemplate(template, { allowHttpLocalhost: this.deps.allowHttpLocalhost });
    if (message !== null) {
      throw new AppError('INVALID_TRACKING_TEMPLATE', 400, message, {
        errors: [{ path: 'trackingTemplate', message }],
      });
    }
  }

  private async requireNetwork(manager: EntityManager, slug: string): Promise<Network> {
    const network = await this.networks.findBySlug(slug, manager);
    if (network) return network;
    const message = 'There is no network with this slug.';
    throw new AppError('UNKNOWN_NETWORK', 400, message, { errors: [{ path: 'networkSlug', message }] });
  }

  /** Audit rows name the network by slug, as the admin does, not by its internal id. */
  private async withNetworkSlug(manager: EntityManager, fields: Partial<ShopValues>) {
    const { networkId, ...rest } = fields;
    if (networkId === undefined) return rest;
    return { ...rest, networkSlug: (await this.networks.slugsById([networkId], manager)).get(networkId) };
  }
}

export function shopNotFound(): AppError {
  return new AppError('SHOP_NOT_FOUND', 404, 'There is no shop with this slug.');
}

function invalidPeriod(path: 'validFrom' | 'validTo', message: string): AppError {
  return new AppError('INVALID_RULE_PERIOD', 400, message, { errors: [{ path, message }] });
}

/** Rules are in force on [validFrom, validTo); null bounds are open. */
export function ruleState(rule: CashbackRule, now: Date): CashbackRuleState {
  if (rule.validTo !== null && rule.validTo <= now) return 'ended';
  if (rule.validFrom !== null && rule.validFrom > now) return 'scheduled';
  return 'in_force';
}

function toAdminShop(shop: Shop, networkSlug: string, rules: CashbackRule[], now: Date): AdminShop {
  return {
    id: shop.id,
    slug: shop.slug,
    name: shop.name,
    market: shop.marketCode,
    networkSlug,
    logoUrl: shop.logoUrl,
    description: shop.description,
    categories: shop.categories,
    trackingTemplate: shop.trackingTemplate,
    deepLinkHosts: shop.deepLinkHosts,
    conditions: shop.conditions,
    confirmationDays: shop.confirmationDays,
    isActive: shop.isActive,
    cashback: headline(rules.filter((rule) => isInForce(rule, now))),
    createdAt: shop.createdAt.toISOString(),
    updatedAt: shop.updatedAt.toISOString(),
  };
}

export function toAdminRule(rule: CashbackRule, now: Date): AdminCashbackRule {
  return {
    id: rule.id,
    kind: rule.kind,
    category: rule.category,
    basisPoints: rule.rateBasisPoints,
    fixedAmount:
      rule.fixedMinor !== null && rule.currency !== null
        ? { amountMinor: rule.fixedMinor.toString(), currency: rule.currency }
        : null,
    validFrom: rule.validFrom?.toISOString() ?? null,
    validTo: rule.validTo?.toISOString() ?? null,
    state: ruleState(rule, now),
    createdAt: rule.createdAt.toISOString(),
  };
}

function auditedRule(rule: CashbackRule, now: Date) {
  const { id, state: _state, createdAt: _createdAt, ...fields } = toAdminRule(rule, now);
  return { ruleId: id, ...fields };
}
