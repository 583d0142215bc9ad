import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CashbackRuleKind } from '@shared/contracts/shops.js';
import type { MarketCode } from '@shared/markets.js';
import type { Clock } from '../../server/src/platform/clock.js';
import type { Database } from '../../server/src/platform/db/database.js';
import type { Logger } from '../../server/src/platform/logger.js';
import { hashPassword } from '../../server/src/platform/security/passwords.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { Network, type NetworkKind } from '../../server/src/modules/networks/network.entity.js';
import { CashbackRule } from '../../server/src/modules/shops/cashback-rule.entity.js';
import { bumpCatalogueVersion } from '../../server/src/modules/shops/catalogue-version.repository.js';
import { Shop } from '../../server/src/modules/shops/shop.entity.js';

interface DemoShop {
  slug: string;
  market: MarketCode;
  network: string;
  name: string;
  host: string;
  description: string;
  categories: string[];
  conditions: string;
  confirmationDays: number;
  rules: Array<{ kind: CashbackRuleKind; rateBasisPoints?: number; fixedMinor?: bigint; category?: string }>;
}

const NETWORKS: Array<{ slug: string; name: string; kind: NetworkKind }> = [
  { slug: 'demo', name: 'Demo network (built in)', kind: 'signed' },
  { slug: 'awin', name: 'Awin', kind: 'awin' },
  { slug: 'impact', name: 'Impact', kind: 'impact' },
  { slug: 'admitad', name: 'Admitad', kind: 'admitad' },
];

const CZ_CONDITIONS =
  'Cashback se nevztahuje na nákupy s dárkovými poukazy a na zboží vrácené v zákonné lhůtě. ' +
  'Nákup dokončete ve stejném prohlížeči a nepoužívejte jiné slevové ani cashbackové odkazy.';
const SK_CONDITIONS =
  'Cashback sa nevzťahuje na nákupy s darčekovými poukážkami a na tovar vrátený v zákonnej lehote. ' +
  'Nákup dokončite v tom istom prehliadači a nepoužívajte iné zľavové ani cashbackové odkazy.';

const SHOPS: DemoShop[] = [
  {
    slug: 'alza-cz',
    market: 'cz',
    network: 'demo',
    name: 'Alza.cz',
    host: 'www.alza.cz',
    description: 'Největší český e-shop s elektronikou, domácími spotřebiči a hračkami.',
    categories: ['electronics', 'home'],
    conditions: CZ_CONDITIONS,
    confirmationDays: 45,
    // The demo network reports a category with each purchase (the demo e-shop lets you pick one):
    // electronics earn 3 %, gift cards nothing, anything else 1.5 %.
    rules: [
      { kind: 'percent_of_order', rateBasisPoints: 150 },
      { kind: 'percent_of_order', rateBasisPoints: 300, category: 'electronics' },
      { kind: 'excluded', category: 'gift-cards' },
    ],
  },
  {
    slug: 'notino-cz',
    market: 'cz',
    network: 'awin',
    name: 'Notino.cz',
    host: 'www.notino.cz',
    description: 'Parfémy, kosmetika a péče o pleť od více než tisícovky značek.',
    categories: ['beauty'],
    conditions: CZ_CONDITIONS,
    confirmationDays: 40,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 500 }],
  },
  {
    slug: 'rohlik-cz',
    market: 'cz',
    network: 'impact',
    name: 'Rohlik.cz',
    host: 'www.rohlik.cz',
    description: 'Potraviny a drogerie s doručením až domů, v Praze i do 90 minut.',
    categories: ['groceries'],
    conditions: `${CZ_CONDITIONS} Odměna platí pro první nákup nového zákazníka.`,
    confirmationDays: 30,
    rules: [{ kind: 'fixed', fixedMinor: 15000n }],
  },
  {
    slug: 'zoot-cz',
    market: 'cz',
    network: 'admitad',
    name: 'ZOOT.cz',
    host: 'www.zoot.cz',
    description: 'Móda, boty a doplňky s možností vyzkoušení na výdejně.',
    categories: ['fashion'],
    conditions: CZ_CONDITIONS,
    confirmationDays: 60,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 600 }],
  },
  {
    slug: 'dobrovsky-cz',
    market: 'cz',
    network: 'demo',
    name: 'Knihy Dobrovský',
    host: 'www.knihydobrovsky.cz',
    description: 'Knihy, e-knihy, audioknihy a společenské hry.',
    categories: ['books'],
    conditions: CZ_CONDITIONS,
    confirmationDays: 35,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 400 }],
  },
  {
    slug: 'sportisimo-cz',
    market: 'cz',
    network: 'awin',
    name: 'Sportisimo.cz',
    host: 'www.sportisimo.cz',
    description: 'Sportovní oblečení, obuv a vybavení pro všechny sporty.',
    categories: ['sport', 'fashion'],
    conditions: CZ_CONDITIONS,
    confirmationDays: 50,
    rules: [
      { kind: 'percent_of_commission', rateBasisPoints: 6000 },
      { kind: 'percent_of_order', rateBasisPoints: 350 },
    ],
  },
  {
    slug: 'alza-sk',
    market: 'sk',
    network: 'demo',
    name: 'Alza.sk',
    host: 'www.alza.sk',
    description: 'Elektronika, spotrebiče a hračky s doručením po celom Slovensku.',
    categories: ['electronics', 'home'],
    conditions: SK_CONDITIONS,
    confirmationDays: 45,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 150 }],
  },
  {
    slug: 'notino-sk',
    market: 'sk',
    network: 'awin',
    name: 'Notino.sk',
    host: 'www.notino.sk',
    description: 'Parfumy a kozmetika za výhodné ceny.',
    categories: ['beauty'],
    conditions: SK_CONDITIONS,
    confirmationDays: 40,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 500 }],
  },
  {
    slug: 'martinus-sk',
    market: 'sk',
    network: 'demo',
    name: 'Martinus.sk',
    host: 'www.martinus.sk',
    description: 'Slovenské kníhkupectvo s knihami, e-knihami a hrami.',
    categories: ['books'],
    conditions: SK_CONDITIONS,
    confirmationDays: 35,
    rules: [{ kind: 'percent_of_order', rateBasisPoints: 400 }],
  },
  {
    slug: 'nay-sk',
    market: 'sk',
    network: 'admitad',
    name: 'NAY.sk',
    host: 'www.nay.sk',
    description: 'Elektro, mobily, počítače a spotrebiče.',
    categories: ['electronics'],
    conditions: SK_CONDITIONS,
    confirmationDays: 50,
    rules: [
      { kind: 'fixed', fixedMinor: 300n },
      { kind: 'percent_of_order', rateBasisPoints: 120 },
    ],
  },
];

/** The demo accounts (`npm run demo:password` gives them new passwords). */
export const DEMO_EMAILS = { shopper: 'shopper@vratka.test', admin: 'admin@vratka.test' } as const;

export interface SeedOptions {
  /** Base of the demo e-shop URLs the tracking templates point at. */
  publicUrl: string;
  /** Print the generated demo credentials (only when they are created). */
  announce?: boolean;
}

/**
 * Demo data for development: a few networks and realistic Czech and Slovak shops, a demo shopper
 * and a demo admin. Runs once: it does nothing when any network exists.
 */
export async function seedDemoData(
  database: Database,
  logger: Logger,
  clock: Clock,
  options: SeedOptions = { publicUrl: 'http://localhost:3000', announce: true },
): Promise<boolean> {
  if ((await database.manager.count(Network)) > 0) return false;
  const now = clock.now();
  const credentials = {
    shopper: { email: DEMO_EMAILS.shopper, password: randomPassword() },
    admin: { email: DEMO_EMAILS.admin, password: randomPassword() },
  };
  const [shopperHash, adminHash] = await Promise.all([
    hashPassword(credentials.shopper.password),
    hashPassword(credentials.admin.password),
  ]);

  await database.transaction(async (manager: EntityManager) => {
    const networkIds = new Map<string, string>();
    for (const network of NETWORKS) {
      const saved = await manager.save(
        manager.create(Network, { ...network, settings: {}, isActive: true, createdAt: now, updatedAt: now }),
      );
      networkIds.set(network.slug, saved.id);
    }
    for (const demo of SHOPS) {
      const shop = await manager.save(
        manager.create(Shop, {
          slug: demo.slug,
          marketCode: demo.market,
          networkId: networkIds.get(demo.network)!,
          name: demo.name,
          logoUrl: null,
          description: demo.description,
          categories: demo.categories,
          trackingTemplate: `${options.publicUrl}/demo-shop/${demo.slug}?subid={click_id}&url={to}`,
          deepLinkHosts: [demo.host],
          conditions: demo.conditions,
          confirmationDays: demo.confirmationDays,
          isActive: true,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const currency = demo.market === 'cz' ? 'CZK' : 'EUR';
      for (const rule of demo.rules) {
        await manager.save(
          manager.create(CashbackRule, {
            shopId: shop.id,
            category: rule.category ?? null,
            kind: rule.kind,
            rateBasisPoints: rule.rateBasisPoints ?? null,
            fixedMinor: rule.fixedMinor ?? null,
            currency: rule.fixedMinor === undefined ? null : currency,
            validFrom: null,
            validTo: null,
            createdAt: now,
          }),
        );
      }
    }
    const person = { marketCode: 'cz' as const, language: 'cs' as const, createdAt: now, updatedAt: now };
    const accepted = {
      emailVerifiedAt: now,
      adultConfirmedAt: now,
      termsVersion: '2026-01',
      termsAcceptedAt: now,
      privacyVersion: '2026-01',
      privacyAcceptedAt: now,
    };
    await manager.save(
      manager.create(User, {
        ...person,
        ...accepted,
        email: credentials.shopper.email,
        passwordHash: shopperHash,
        role: 'shopper',
        displayName: 'Demo Nakupující',
      }),
    );
    await manager.save(
      manager.create(User, {
        ...person,
        ...accepted,
        email: credentials.admin.email,
        passwordHash: adminHash,
        role: 'admin',
        displayName: 'Demo Admin',
      }),
    );
    // Processes already running (and caching the empty catalogue) see the demo shops within a second.
    await bumpCatalogueVersion(manager);
  });

  if (options.announce !== false) {
    // Printed once, at creation: the passwords are random and stored only as hashes.
    logger.warn(
      'Demo data seeded. These credentials are shown only this once (`npm run demo:password` sets new ones) — ' +
        `demo shopper: ${credentials.shopper.email} / ${credentials.shopper.password}; ` +
        `demo admin: ${credentials.admin.email} / ${credentials.admin.password}`,
    );
  }
  return true;
}

function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
