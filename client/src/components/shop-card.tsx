import { useTranslation } from 'react-i18next';
import type { CashbackHeadline, ShopSummary } from '@shared/contracts/shops.js';
import { formatBasisPoints, formatMoney } from '@shared/money.js';
import { currentLanguage, localeOf } from '../i18n.js';

export function ShopCard({ shop }: { shop: ShopSummary }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(currentLanguage(i18n.resolvedLanguage));
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

  return (
    <li className="shop-card" data-testid="shop-card" data-shop={shop.slug}>
      <div className="shop-card__top">
        <ShopLogo shop={shop} />
        <h3 className="shop-card__name">{shop.name}</h3>
      </div>
      <p className="shop-card__cashback">
        <span className="shop-card__cashback-label">{t('shops.cashbackLabel')}</span>{' '}
        <span className="shop-card__cashback-value">{headline(shop.cashback)}</span>
      </p>
      {shop.categories.length > 0 && (
        <ul className="tags" aria-label={t('shops.categoriesLabel')}>
          {shop.categories.map((category) => (
            <li key={category} className="tag">
              {categoryNames[category] ?? category}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ShopLogo({ shop }: { shop: ShopSummary }) {
  // The CSP allows images from our own origin only; a logo hosted elsewhere would be blocked,
  // so such shops get the monogram until their logo is mirrored here.
  const logoUrl = shop.logoUrl;
  if (logoUrl?.startsWith('/') && !logoUrl.startsWith('//')) {
    return <img className="shop-card__logo" src={logoUrl} alt="" width={48} height={48} />;
  }
  return (
    <span className="shop-card__logo shop-card__logo--monogram" aria-hidden="true">
      {shop.name.slice(0, 1).toLocaleUpperCase()}
    </span>
  );
}
