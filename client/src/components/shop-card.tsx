import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ShopSummary } from '@shared/contracts/shops.js';
import { useCashbackText } from './cashback.js';
import { ShopLogo } from './shop-logo.js';

export function ShopCard({ shop }: { shop: ShopSummary }) {
  const { t } = useTranslation();
  const cashback = useCashbackText();

  return (
    <li className="shop-card" data-testid="shop-card" data-shop={shop.slug}>
      <div className="shop-card__top">
        <ShopLogo shop={shop} />
        <h3 className="shop-card__name">
          {/* The link covers the whole card (CSS), so a tap anywhere on it opens the shop. */}
          <Link className="shop-card__link" to={`/shops/${shop.slug}`}>
            {shop.name}
          </Link>
        </h3>
      </div>
      <p className="shop-card__cashback">
        <span className="shop-card__cashback-label">{t('shops.cashbackLabel')}</span>{' '}
        <span className="shop-card__cashback-value">{cashback.headline(shop.cashback)}</span>
      </p>
      {shop.categories.length > 0 && (
        <ul className="tags" aria-label={t('shops.categoriesLabel')}>
          {shop.categories.map((category) => (
            <li key={category} className="tag">
              {cashback.category(category)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
