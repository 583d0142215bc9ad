import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ShopDetail } from '@shared/contracts/shops.js';
import { useMe } from '../auth/auth-context.js';
import { useCashbackText, type CashbackRule } from '../components/cashback.js';
import { formatDate, useLocale } from '../components/format.js';
import { goPath } from '../components/return-path.js';
import { ShopLogo } from '../components/shop-logo.js';
import { TrackingCheck } from '../components/tracking-check-panel.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useShop } from '../components/use-shop.js';
import { ShopLoadFailed, ShopUnavailable } from './shop-unavailable.js';

export function ShopPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const { state, retry } = useShop(slug);
  useDocumentTitle(state.status === 'loaded' ? state.shop.name : t('shop.loadingTitle'));

  switch (state.status) {
    case 'loading':
      return (
        <p className="status status--loading" role="status">
          {t('shop.loading')}
        </p>
      );
    case 'notFound':
      return <ShopUnavailable />;
    case 'error':
      return <ShopLoadFailed onRetry={retry} />;
    case 'loaded':
      return <ShopDetails shop={state.shop} />;
  }
}

function ShopDetails({ shop }: { shop: ShopDetail }) {
  const { t } = useTranslation();
  const { me, status } = useMe();
  const cashback = useCashbackText();

  return (
    <article className="shop-page" data-testid="shop-page" data-shop={shop.slug}>
      <nav className="breadcrumbs" aria-label={t('shop.breadcrumbs')}>
        <ol>
          <li>
            <Link to={`/?market=${shop.market}`}>{t('nav.shops')}</Link>
          </li>
          <li aria-current="page">{shop.name}</li>
        </ol>
      </nav>
      <header className="shop-page__header">
        <ShopLogo shop={shop} size="large" />
        <div>
          <h1 className="shop-page__name">{shop.name}</h1>
          <p className="shop-page__cashback">
            <span className="shop-card__cashback-label">{t('shops.cashbackLabel')}</span>{' '}
            <strong className="shop-page__cashback-value">{cashback.headline(shop.cashback)}</strong>
          </p>
        </div>
      </header>
      <div className="shop-page__layout">
        {/* The way to the shop comes first, so on a phone it is not below the small print. */}
        <aside className="shop-page__go" aria-label={t('shop.goAside')}>
          <a className="button button--large" href={goPath(shop.slug, null)} data-testid="go-to-shop">
            {t('shop.goToShop')}
          </a>
          {status === 'ready' && (
            <p className="shop-page__go-hint">
              {me ? t('shop.goHintLoggedIn', { email: me.email }) : t('shop.goHintVisitor')}
            </p>
          )}
          <TrackingCheck />
        </aside>
        <div className="shop-page__main">
          {shop.description !== '' && <p className="lead">{shop.description}</p>}
          {shop.categories.length > 0 && (
            <ul className="tags" aria-label={t('shops.categoriesLabel')}>
              {shop.categories.map((category) => (
                <li key={category} className="tag">
                  {cashback.category(category)}
                </li>
              ))}
            </ul>
          )}
          <CashbackRules rules={shop.rules} />
          <section className="shop-page__section" aria-labelledby="shop-conditions">
            <h2 id="shop-conditions">{t('shop.conditionsTitle')}</h2>
            <dl className="facts facts--stacked">
              <div>
                <dt>{t('shop.confirmationLabel')}</dt>
                <dd data-testid="confirmation-time">
                  {t('shop.confirmation', { count: shop.confirmationDays })}
                </dd>
              </div>
            </dl>
            <p className="field__hint">{t('shop.confirmationHint')}</p>
            {shop.conditions !== '' && <p className="shop-page__conditions">{shop.conditions}</p>}
          </section>
        </div>
      </div>
    </article>
  );
}

function CashbackRules({ rules }: { rules: CashbackRule[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cashback = useCashbackText();
  const hasCategories = rules.some((rule) => rule.category !== null);
  // The rule for everything first, then the categories in the reader's alphabet.
  const ordered = [...rules].sort((a, b) => {
    if (a.category === b.category) return 0;
    if (a.category === null) return -1;
    if (b.category === null) return 1;
    return cashback.category(a.category).localeCompare(cashback.category(b.category), locale);
  });

  return (
    <section className="shop-page__section" aria-labelledby="shop-rules">
      <h2 id="shop-rules">{t('shop.rulesTitle')}</h2>
      {ordered.length === 0 ? (
        <p>{t('shop.noRules')}</p>
      ) : (
        <ul className="rules" data-testid="cashback-rules">
          {ordered.map((rule, index) => (
            <li key={index} className="rules__item">
              <span className="rules__category">
                {rule.category === null
                  ? hasCategories
                    ? t('shop.otherPurchases')
                    : t('shop.allPurchases')
                  : cashback.category(rule.category)}
              </span>
              <strong className="rules__terms">{cashback.rule(rule)}</strong>
              {rule.validTo !== null && (
                <span className="rules__until">
                  {t('shop.ruleUntil', { date: formatDate(rule.validTo, locale) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {rules.some((rule) => rule.kind === 'percent_of_commission') && (
        <p className="field__hint">{t('shop.commissionHint')}</p>
      )}
    </section>
  );
}
