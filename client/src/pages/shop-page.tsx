import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CashbackRate, CashbackRates, ShopDetail } from '@shared/contracts/shops.js';
import { useMe } from '../auth/auth-context.js';
import { useCashbackText } from '../components/cashback.js';
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
          <CashbackRatesTable rates={shop.cashbackRates} />
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

/**
 * What a purchase earns by its category, as the money path pays it: each category's rates, the
 * categories without cashback, and the rate for everything else.
 */
function CashbackRatesTable({ rates }: { rates: CashbackRates }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cashback = useCashbackText();
  const byName = (a: string, b: string) => cashback.category(a).localeCompare(cashback.category(b), locale);
  const categories = [...rates.categories].sort((a, b) => byName(a.category, b.category));
  const excluded = [...rates.excluded].sort(byName);
  const hasCategories = categories.length > 0 || excluded.length > 0;
  const all = [...rates.general, ...categories.flatMap((entry) => entry.rates)];

  if (rates.general.length === 0 && !hasCategories) {
    return (
      <section className="shop-page__section" aria-labelledby="shop-rules">
        <h2 id="shop-rules">{t('shop.rulesTitle')}</h2>
        <p>{t('shop.noRules')}</p>
      </section>
    );
  }
  return (
    <section className="shop-page__section" aria-labelledby="shop-rules">
      <h2 id="shop-rules">{t('shop.rulesTitle')}</h2>
      {hasCategories && <p className="field__hint">{t('shop.categoryHint')}</p>}
      <div className="table-wrap">
        <table className="table rates" data-testid="cashback-rules">
          <caption className="visually-hidden">{t('shop.ratesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shop.ratesPurchases')}</th>
              <th scope="col">{t('shop.ratesCashback')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((entry) => (
              <tr key={entry.category} data-category={entry.category}>
                <th scope="row">{cashback.category(entry.category)}</th>
                <td>
                  <Rates rates={entry.rates} />
                </td>
              </tr>
            ))}
            {excluded.map((category) => (
              <tr key={category} data-category={category} data-excluded="true">
                <th scope="row">{cashback.category(category)}</th>
                <td>{t('shop.rule.excluded')}</td>
              </tr>
            ))}
            <tr data-category="">
              <th scope="row">{hasCategories ? t('shop.otherPurchases') : t('shop.allPurchases')}</th>
              <td>{rates.general.length > 0 ? <Rates rates={rates.general} /> : t('shop.rule.excluded')}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {excluded.length > 0 && <p className="field__hint">{t('shop.excludedHint')}</p>}
      {[...rates.categories, { rates: rates.general }].some((entry) => entry.rates.length > 1) && (
        <p className="field__hint">{t('shop.bestRateHint')}</p>
      )}
      {all.some((rate) => rate.kind === 'percent_of_commission') && (
        <p className="field__hint">{t('shop.commissionHint')}</p>
      )}
    </section>
  );
}

function Rates({ rates }: { rates: CashbackRate[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cashback = useCashbackText();
  return (
    <ul className="rates__list">
      {rates.map((rate, index) => (
        <li key={index}>
          <strong className="rules__terms">{cashback.rule(rate)}</strong>
          {rate.validTo !== null && (
            <span className="rules__until">
              {' '}
              {t('shop.ruleUntil', { date: formatDate(rate.validTo, locale) })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
