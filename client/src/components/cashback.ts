import { useTranslation } from 'react-i18next';
import type { CashbackHeadline, ShopDetail } from '@shared/contracts/shops.js';
import { formatBasisPoints, formatMoney } from '@shared/money.js';
import { useLocale } from './format.js';

export type CashbackRule = ShopDetail['rules'][number];

/**
 * The words for cashback: the catalogue's headline ("až 4 %"), a rule's or rate's terms ("4 % z ceny
 * nákupu", "bez cashbacku") and a category's name.
 */
export function useCashbackText() {
  const { t } = useTranslation();
  const locale = useLocale();
  const categoryNames: Record<string, string | undefined> = t('categories', { returnObjects: true });

  function headline(cashback: CashbackHeadline | null): string {
    if (cashback === null) return t('shops.cashbackNone');
    switch (cashback.kind) {
      case 'percent':
        return t('shops.cashbackUpTo', { rate: formatBasisPoints(cashback.basisPoints, locale) });
      case 'fixed':
        return t('shops.cashbackFixed', {
          amount: formatMoney(cashback.amount.amountMinor, cashback.amount.currency, locale),
        });
    }
  }

  function rule(terms: Pick<CashbackRule, 'kind' | 'basisPoints' | 'fixed'>): string {
    switch (terms.kind) {
      case 'percent_of_order':
        return t('shop.rule.percentOfOrder', { rate: formatBasisPoints(terms.basisPoints ?? 0, locale) });
      case 'percent_of_commission':
        return t('shop.rule.percentOfCommission', {
          rate: formatBasisPoints(terms.basisPoints ?? 0, locale),
        });
      case 'fixed':
        return terms.fixed
          ? t('shop.rule.fixed', {
              amount: formatMoney(terms.fixed.amountMinor, terms.fixed.currency, locale),
            })
          : t('shops.cashbackNone');
      case 'excluded':
        return t('shop.rule.excluded');
    }
  }

  function category(code: string): string {
    return categoryNames[code] ?? code;
  }

  return { headline, rule, category };
}
