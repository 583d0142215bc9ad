import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CashbackRuleCreateSchema } from '../../shared/src/contracts/admin-catalogue.js';
import type { CashbackRuleKind } from '../../shared/src/contracts/shops.js';
import { bestRule, rulesInForceAt, shareUnderRule } from '../../server/src/modules/conversions/cashback.js';
import {
  categoryCode,
  headlineOf,
  isInForceAt,
  ratesOf,
  rulesForPurchase,
} from '../../server/src/modules/shops/cashback-rates.js';
import type { CashbackRule } from '../../server/src/modules/shops/cashback-rule.entity.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-12-01T12:00:00.000Z');

let nextId = 1;
function rule(
  kind: CashbackRuleKind,
  options: {
    basisPoints?: number;
    fixedMinor?: bigint;
    category?: string | null;
    validFrom?: Date | null;
    validTo?: Date | null;
  } = {},
): CashbackRule {
  return {
    id: String(nextId++),
    shopId: '1',
    category: options.category ?? null,
    kind,
    rateBasisPoints:
      kind === 'percent_of_order' || kind === 'percent_of_commission' ? (options.basisPoints ?? 100) : null,
    fixedMinor: kind === 'fixed' ? (options.fixedMinor ?? 100n) : null,
    currency: kind === 'fixed' ? 'CZK' : null,
    validFrom: options.validFrom === undefined ? null : options.validFrom,
    validTo: options.validTo === undefined ? null : options.validTo,
    createdAt: new Date(0),
  };
}

/** The demo Alza: 1.5 % of everything, 3 % on electronics, nothing on gift cards. */
const general = rule('percent_of_order', { basisPoints: 150 });
const electronics = rule('percent_of_order', { basisPoints: 300, category: 'electronics' });
const giftCards = rule('excluded', { category: 'gift-cards' });
const alza = [general, electronics, giftCards];
const order = { orderAmountMinor: 200_000n, commissionMinor: 10_000n };

const paid = (rules: CashbackRule[], category: string | null, at = NOW) =>
  bestRule(rulesInForceAt(rules, at, category), order, 'CZK');

describe('category cashback rules: which rule pays', () => {
  it('when the network reports the category of a rule, then that rule pays', () => {
    const best = paid(alza, 'electronics');
    assert.equal(best?.rule.id, electronics.id);
    assert.equal(best?.shareMinor, 6_000n); // 3 % of 2000.00
  });

  it('when the category is reported in another spelling (case, accents, separators), then it still matches', () => {
    for (const spelling of [
      'ELECTRONICS',
      ' Electronics ',
      'électronics',
      'gift_cards',
      'Gift Cards',
      'GIFT-CARDS',
    ])
      assert.notEqual(paid(alza, spelling)?.rule.id, general.id, spelling);
    assert.equal(categoryCode('Elektronika & PC'), 'elektronika-pc');
    assert.equal(categoryCode('Dárkové poukazy'), 'darkove-poukazy');
    assert.equal(categoryCode('CG_ELECTRONICS'), 'cg-electronics');
    assert.equal(categoryCode(' -- '), null);
    assert.equal(categoryCode(null), null);
  });

  it('when no category or one we have no rule for is reported, then the general rule pays', () => {
    for (const category of [null, 'toys', 'DEFAULT', '---']) {
      const best = paid(alza, category);
      assert.equal(best?.rule.id, general.id, String(category));
      assert.equal(best?.shareMinor, 3_000n); // 1.5 % of 2000.00
    }
  });

  it('when the category is excluded, then the exclusion is the rule and it pays nothing, even beside a rate for it', () => {
    const best = paid(alza, 'gift-cards');
    assert.equal(best?.rule.id, giftCards.id);
    assert.equal(best?.shareMinor, 0n);
    const alsoRated = [...alza, rule('percent_of_order', { basisPoints: 500, category: 'gift-cards' })];
    assert.equal(paid(alsoRated, 'gift-cards')?.rule.id, giftCards.id);
    assert.equal(shareUnderRule(giftCards, order, 'CZK'), 0n);
  });

  it('the rules in force at the click decide, not those in force now', () => {
    const ended = rule('percent_of_order', {
      basisPoints: 800,
      category: 'toys',
      validTo: new Date(NOW.getTime() - DAY_MS),
    });
    const later = rule('excluded', { category: 'electronics', validFrom: new Date(NOW.getTime() + DAY_MS) });
    const rules = [...alza, ended, later];
    assert.equal(paid(rules, 'toys', new Date(NOW.getTime() - 2 * DAY_MS))?.rule.id, ended.id);
    assert.equal(paid(rules, 'toys')?.rule.id, general.id);
    assert.equal(paid(rules, 'electronics')?.rule.id, electronics.id);
    assert.equal(paid(rules, 'electronics', new Date(NOW.getTime() + 2 * DAY_MS))?.rule.id, later.id);
  });

  it('without a general rule, a purchase outside the categories earns under no rule', () => {
    assert.equal(paid([electronics, giftCards], 'toys'), undefined);
  });

  it('several rules for one category: the best for this purchase pays, the older on a tie', () => {
    const fixed = rule('fixed', { fixedMinor: 5_000n, category: 'electronics' });
    assert.equal(paid([...alza, fixed], 'electronics')?.rule.id, electronics.id); // 60.00 > 50.00
    const same = rule('percent_of_order', { basisPoints: 300, category: 'electronics' });
    assert.equal(paid([...alza, same], 'electronics')?.rule.id, electronics.id);
  });
});

describe('category cashback rules: what the shop page shows', () => {
  it('lists the general rates, each category’s rates and the excluded categories; "up to" is the best rate', () => {
    const rates = ratesOf(alza);
    assert.deepEqual(rates, {
      general: [{ kind: 'percent_of_order', basisPoints: 150, fixed: null, validTo: null }],
      categories: [
        {
          category: 'electronics',
          rates: [{ kind: 'percent_of_order', basisPoints: 300, fixed: null, validTo: null }],
        },
      ],
      excluded: ['gift-cards'],
    });
    assert.deepEqual(headlineOf(alza), { kind: 'percent', basisPoints: 300 });
  });

  it('an excluded category’s rates are neither listed nor advertised', () => {
    const rules = [
      general,
      giftCards,
      rule('percent_of_order', { basisPoints: 900, category: 'gift-cards' }),
    ];
    assert.deepEqual(ratesOf(rules).categories, []);
    assert.deepEqual(headlineOf(rules), { kind: 'percent', basisPoints: 150 });
  });

  const kinds: CashbackRuleKind[] = ['percent_of_order', 'percent_of_commission', 'fixed', 'excluded'];
  const categories = [null, 'electronics', 'gift-cards', 'home'];
  const arbitraryRule = fc
    .record({
      kind: fc.constantFrom(...kinds),
      basisPoints: fc.integer({ min: 1, max: 10_000 }),
      fixedMinor: fc.bigInt({ min: 1n, max: 100_000n }),
      category: fc.constantFrom(...categories),
      startsInDays: fc.option(fc.integer({ min: -5, max: 5 })),
      lastsDays: fc.option(fc.integer({ min: 1, max: 10 })),
    })
    .filter((drawn) => drawn.kind !== 'excluded' || drawn.category !== null)
    .map((drawn) => {
      const validFrom =
        drawn.startsInDays === null ? null : new Date(NOW.getTime() + drawn.startsInDays * DAY_MS);
      return rule(drawn.kind, {
        ...drawn,
        validFrom,
        validTo:
          drawn.lastsDays === null ? null : new Date((validFrom ?? NOW).getTime() + drawn.lastsDays * DAY_MS),
      });
    });

  it('agrees with the money path for any rules and any reported category (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRule, { maxLength: 8 }),
        fc.constantFrom(null, 'electronics', 'Electronics', 'GIFT CARDS', 'home', 'toys'),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        (rules, reported, orderAmountMinor, commissionMinor) => {
          const amounts = { orderAmountMinor, commissionMinor };
          const best = bestRule(rulesInForceAt(rules, NOW, reported), amounts, 'CZK');
          const shown = ratesOf(rules.filter((candidate) => isInForceAt(candidate, NOW)));
          const code = categoryCode(reported);
          const listed = shown.categories.find((entry) => entry.category === code);
          const shareOf = (rates: typeof shown.general) =>
            rates.reduce((most, rate) => {
              const share = shareUnderRule(
                {
                  kind: rate.kind,
                  rateBasisPoints: rate.basisPoints,
                  fixedMinor: rate.fixed ? BigInt(rate.fixed.amountMinor) : null,
                  currency: rate.fixed?.currency ?? null,
                },
                amounts,
                'CZK',
              );
              return share > most ? share : most;
            }, 0n);
          const expected =
            code !== null && shown.excluded.includes(code)
              ? 0n
              : listed
                ? shareOf(listed.rates)
                : shareOf(shown.general);
          assert.equal(best?.shareMinor ?? 0n, expected);
          // The paid rule is one the purchase may earn under: its category's, or a general one.
          if (best) assert.ok(best.rule.category === null || categoryCode(best.rule.category) === code);
          // "Up to" is honest: no order-value rate paid exceeds it.
          if (best?.rule.kind === 'percent_of_order') {
            const headline = headlineOf(rules.filter((candidate) => isInForceAt(candidate, NOW)));
            assert.ok(headline?.kind === 'percent' && headline.basisPoints >= best.rule.rateBasisPoints!);
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('rulesForPurchase never mixes a category’s rules with the general ones (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRule, { maxLength: 8 }),
        fc.constantFrom(...categories),
        (rules, reported) => {
          const chosen = rulesForPurchase(rules, NOW, reported);
          const withCategory = chosen.filter((candidate) => candidate.category !== null);
          assert.ok(withCategory.length === 0 || withCategory.length === chosen.length);
          assert.ok(chosen.every((candidate) => isInForceAt(candidate, NOW)));
          if (chosen.some((candidate) => candidate.kind === 'excluded'))
            assert.ok(chosen.every((candidate) => candidate.kind === 'excluded'));
        },
      ),
    );
  });
});

describe('category cashback rules: what staff may create', () => {
  it('an exclusion needs a category and takes no rate or amount', () => {
    const valid = (rule: unknown) => CashbackRuleCreateSchema.safeParse(rule).success;
    assert.equal(valid({ kind: 'excluded', category: 'gift-cards' }), true);
    assert.equal(valid({ kind: 'excluded' }), false);
    assert.equal(valid({ kind: 'excluded', category: 'Gift Cards' }), false);
    assert.equal(valid({ kind: 'excluded', category: 'gift-cards', basisPoints: 0 }), false);
    assert.equal(valid({ kind: 'percent_of_order', basisPoints: 0, category: 'gift-cards' }), false);
  });
});
