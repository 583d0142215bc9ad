import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { VISITOR_COOKIE_DAYS } from '@shared/contracts/clicks.js';
import type { ShopDetail } from '@shared/contracts/shops.js';
import { useMe } from '../auth/auth-context.js';
import { useCashbackText } from '../components/cashback.js';
import { goPath, withNext } from '../components/return-path.js';
import { ShopLogo } from '../components/shop-logo.js';
import { TrackingCheck } from '../components/tracking-check-panel.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useShop } from '../components/use-shop.js';
import { ShopLoadFailed, ShopUnavailable } from './shop-unavailable.js';

/**
 * `/go/:slug` for a visitor: the server redirects a logged-in shopper straight to the shop and
 * sends everyone else this page, where they choose how to continue. Every way on is a plain link
 * back to `/go/…`, so the server decides (and records the click) on a real navigation.
 */
export function GoPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const [searchParams] = useSearchParams();
  const to = searchParams.get('to');
  const { state, retry } = useShop(slug);
  useDocumentTitle(
    state.status === 'loaded' ? t('go.documentTitle', { shop: state.shop.name }) : t('shop.loadingTitle'),
  );

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
      return <Interstitial shop={state.shop} to={to} />;
  }
}

/** `/go/<slug>` with the deep link and one more choice for the server. */
function goLink(slug: string, to: string | null, choice?: Record<string, string>): string {
  const search = new URLSearchParams(choice);
  if (to !== null && to !== '') search.set('to', to);
  const query = search.toString();
  return `/go/${encodeURIComponent(slug)}${query ? `?${query}` : ''}`;
}

function Interstitial({ shop, to }: { shop: ShopDetail; to: string | null }) {
  const { t } = useTranslation();
  const { me, status } = useMe();
  const cashback = useCashbackText();
  const next = goPath(shop.slug, to);

  return (
    <article className="go-page" data-testid="interstitial" data-shop={shop.slug}>
      <header className="shop-page__header">
        <ShopLogo shop={shop} size="large" />
        <div>
          <h1 className="shop-page__name">{t('go.title', { shop: shop.name })}</h1>
          <p className="lead go-page__lead">
            {shop.cashback === null
              ? t('go.leadNoCashback')
              : t('go.lead', { cashback: cashback.headline(shop.cashback) })}
          </p>
        </div>
      </header>
      <div className="shop-page__layout">
        {/* Checked before the choices, so a warning is read before leaving (on a phone, too). */}
        <aside className="shop-page__go" aria-label={t('shop.goAside')}>
          <TrackingCheck />
        </aside>
        <div className="shop-page__main">
          {status === 'loading' ? (
            <p className="status status--loading" role="status">
              {t('account.checking')}
            </p>
          ) : me ? (
            <section className="go-choice go-choice--primary" aria-labelledby="go-continue">
              <h2 id="go-continue">{t('go.loggedInTitle')}</h2>
              <p>{t('go.loggedInText', { email: me.email })}</p>
              <a className="button button--large" href={goLink(shop.slug, to)}>
                {t('go.continueToShop', { shop: shop.name })}
              </a>
            </section>
          ) : (
            <>
              <section className="go-choice go-choice--primary" aria-labelledby="go-account">
                <h2 id="go-account">{t('go.accountTitle')}</h2>
                <p>{t('go.accountText')}</p>
                <div className="button-row">
                  <Link className="button button--large" to={withNext('/login', next)}>
                    {t('go.logIn')}
                  </Link>
                  <Link className="button button--large button--secondary" to={withNext('/register', next)}>
                    {t('go.register')}
                  </Link>
                </div>
              </section>
              <section className="go-choice" aria-labelledby="go-later">
                <h2 id="go-later">{t('go.laterTitle')}</h2>
                <p>{t('go.laterText', { days: VISITOR_COOKIE_DAYS })}</p>
                <a className="button button--secondary" href={goLink(shop.slug, to, { later: '1' })}>
                  {t('go.later')}
                </a>
              </section>
              <section className="go-choice go-choice--quiet" aria-labelledby="go-without">
                <h2 id="go-without">{t('go.withoutTitle')}</h2>
                <p>{t('go.withoutText')}</p>
                <a className="link-button" href={goLink(shop.slug, to, { cashback: 'no' })}>
                  {t('go.without')}
                </a>
              </section>
            </>
          )}
          <p className="form-aside">
            <Link to={`/shops/${shop.slug}`}>{t('go.shopDetails', { shop: shop.name })}</Link>
          </p>
        </div>
      </div>
    </article>
  );
}
