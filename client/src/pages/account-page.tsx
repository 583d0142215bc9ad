import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { getMyClicks } from '../api/client.js';
import { getBalances, getPurchases, type Purchase } from '../api/money.js';
import { generalMessage } from '../components/api-errors.js';
import { formatDateTime, formatRelativeTime, useLocale } from '../components/format.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLoader } from '../components/use-loader.js';
import { usePagedList, type PagedState } from '../components/use-paged-list.js';
import { BalanceSection } from './account/balance-section.js';
import { cashbackSeries } from './account/cashback-series.js';
import { PurchasesSection } from './account/purchases-section.js';

const PAGE_SIZE = 20;
/** Purchases per page: the chart is drawn from the ones loaded, so take a good many at once. */
const PURCHASE_PAGE_SIZE = 50;

// The chart library is the heaviest part of the page: the cards and the table come first.
const CashbackChart = lazy(() =>
  import('./account/cashback-chart.js').then((module) => ({ default: module.CashbackChart })),
);

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('overview.title'));
  return <RequireLogin>{(me) => <Overview me={me} />}</RequireLogin>;
}

/** The shopper's dashboard: balances, cashback over time, purchases, and the shops visited. */
function Overview({ me }: { me: Me }) {
  const { t } = useTranslation();
  const balances = useLoader(getBalances, 0);
  const loadPurchases = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      getPurchases({ limit: PURCHASE_PAGE_SIZE, cursor }, signal),
    [],
  );
  const purchases = usePagedList(loadPurchases);

  return (
    <div className="overview">
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.intro')}</p>
      <BalanceSection state={balances.state} market={me.market} onRetry={balances.reload} />
      <CashbackOverTime state={purchases.state} />
      <PurchasesSection state={purchases.state} onRetry={purchases.reload} onMore={purchases.loadMore} />
      <RecentVisits />
    </div>
  );
}

/** Drawn from the purchases already loaded; nothing to draw before the first purchase. */
function CashbackOverTime({ state }: { state: PagedState<Purchase> }) {
  const { t } = useTranslation();
  const items = state.status === 'loaded' ? state.items : undefined;
  const series = useMemo(() => (items ? cashbackSeries(items) : []), [items]);
  if (state.status !== 'loaded' || series.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="cashback-over-time">
      <h2 id="cashback-over-time">{t('overview.chart.title')}</h2>
      <Suspense
        fallback={
          <p className="status status--loading" role="status">
            {t('overview.chart.loading')}
          </p>
        }
      >
        {series.map((one) => (
          <CashbackChart key={one.currency} series={one} partial={state.nextCursor !== null} />
        ))}
      </Suspense>
    </section>
  );
}

/** The shops I clicked through to, newest first: what the shopper checks when a purchase is late. */
function RecentVisits() {
  const { t } = useTranslation();
  const locale = useLocale();
  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) => getMyClicks({ limit: PAGE_SIZE, cursor }, signal),
    [],
  );
  const { state, reload: retry, loadMore } = usePagedList(load);
  // One "now" per render, so every line is measured from the same moment.
  const now = Date.now();

  let body;
  switch (state.status) {
    case 'loading':
      body = (
        <p className="status status--loading" role="status">
          {t('overview.visits.loading')}
        </p>
      );
      break;
    case 'error':
      body = (
        <div className="status status--error" role="alert">
          <p>
            {t('overview.visits.error')} {generalMessage(state.error, t)}
          </p>
          <button type="button" className="button" onClick={retry}>
            {t('shops.retry')}
          </button>
        </div>
      );
      break;
    case 'loaded':
      body =
        state.items.length === 0 ? (
          <div className="status" data-testid="visits-empty">
            <p>{t('overview.visits.empty')}</p>
            <p>{t('overview.visits.emptyNext')}</p>
            <Link className="button" to="/">
              {t('overview.visits.pickShop')}
            </Link>
          </div>
        ) : (
          <>
            <ul className="visit-list" data-testid="visit-list">
              {state.items.map((visit) => (
                <li key={visit.id} className="visit">
                  <Link to={`/shops/${visit.shop.slug}`} className="visit__shop">
                    {visit.shop.name}
                  </Link>
                  {' · '}
                  <time dateTime={visit.createdAt} title={formatDateTime(visit.createdAt, locale)}>
                    {formatRelativeTime(visit.createdAt, locale, now)}
                  </time>
                  <span className="visit__state"> — {t('overview.visits.noPurchaseYet')}</span>
                </li>
              ))}
            </ul>
            {state.more === 'error' && (
              <p className="status status--error" role="alert">
                {t('overview.visits.error')}
              </p>
            )}
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={state.more === 'loading'}
              >
                {state.more === 'loading' ? t('overview.visits.loadingMore') : t('overview.visits.more')}
              </button>
            )}
            <p className="field__hint">{t('overview.visits.hint')}</p>
          </>
        );
      break;
  }

  return (
    <section className="panel" aria-labelledby="recent-visits" id="visits">
      <h2 id="recent-visits">{t('overview.visits.title')}</h2>
      {body}
    </section>
  );
}
