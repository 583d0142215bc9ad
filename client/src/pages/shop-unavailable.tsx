import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/use-document-title.js';

/** An unknown or inactive shop (old link, shop that left): say so kindly and offer the catalogue. */
export function ShopUnavailable() {
  const { t } = useTranslation();
  useDocumentTitle(t('shop.unavailableTitle'));
  return (
    <article className="prose" data-testid="shop-unavailable">
      <h1>{t('shop.unavailableTitle')}</h1>
      <p>{t('shop.unavailableText')}</p>
      <p>
        <Link to="/" className="button">
          {t('shop.toCatalogue')}
        </Link>
      </p>
    </article>
  );
}

export function ShopLoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="status status--error" role="alert">
      <p>{t('shop.loadFailed')}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('shops.retry')}
      </button>
    </div>
  );
}
