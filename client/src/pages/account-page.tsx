import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getMyClicks } from '../api/client.js';
import { generalMessage } from '../components/api-errors.js';
import { formatDateTime, formatRelativeTime, useLocale } from '../components/format.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { usePagedList } from '../components/use-paged-list.js';

const PAGE_SIZE = 20;

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('overview.title'));
  return <RequireLogin>{() => <Overview />}</RequireLogin>;
}

function Overview() {
  const { t } = useTranslation();
  return (
    <div className="overview">
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.intro')}</p>
      <RecentVisits />
    </div>
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
