import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NetworkHealth } from '@shared/contracts/admin-money.js';
import { getNetworkHealth } from '../../api/admin-money.js';
import { generalMessage } from '../../components/api-errors.js';
import { formatDateTime, formatRelativeTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { useLoader } from '../../components/use-loader.js';

/** `/admin/networks/health`: is every network still telling us about purchases? */
export function AdminNetworkHealthPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('admin.health.title'));
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoader(getNetworkHealth, version);
  const now = Date.now();

  return (
    <section aria-labelledby="admin-health-title">
      <div className="admin__header">
        <h1 id="admin-health-title">{t('admin.health.title')}</h1>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setVersion((count) => count + 1)}
        >
          {t('admin.health.refresh')}
        </button>
      </div>
      {state.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="status status--error" role="alert">
          <p>{generalMessage(state.error, t)}</p>
          <button type="button" className="button" onClick={reload}>
            {t('shops.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' && (
        <>
          <p className="lead">{t('admin.health.intro', { hours: state.data.silenceAlertHours })}</p>
          {state.data.items.some((network) => network.silent) && (
            <div className="notice notice--error" role="alert">
              <p>
                {t('admin.health.silentAlert', {
                  names: state.data.items
                    .filter((network) => network.silent)
                    .map((network) => network.name)
                    .join(', '),
                })}
              </p>
            </div>
          )}
          {state.data.items.length === 0 ? (
            <p className="status">{t('admin.networks.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="network-health-table">
                <caption>
                  {t('admin.health.caption', { checkedAt: formatDateTime(state.data.checkedAt, locale) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.network.name')}</th>
                    <th scope="col">{t('admin.health.last')}</th>
                    <th scope="col" className="table__number">
                      {t('admin.health.count')}
                    </th>
                    <th scope="col">{t('admin.health.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.items.map((network) => (
                    <tr key={network.slug} data-slug={network.slug}>
                      <th scope="row">
                        <Link to={`/admin/networks/${network.slug}`}>{network.name}</Link>
                        <span className="table__secondary">{t(`admin.network.kinds.${network.kind}`)}</span>
                      </th>
                      <td>
                        {network.lastPostbackAt ? (
                          <time
                            dateTime={network.lastPostbackAt}
                            title={formatDateTime(network.lastPostbackAt, locale)}
                          >
                            {formatRelativeTime(network.lastPostbackAt, locale, now)}
                          </time>
                        ) : (
                          t('admin.health.never')
                        )}
                      </td>
                      <td className="table__number">{network.postbacksLast24h}</td>
                      <td>
                        <HealthBadge
                          network={network}
                          silenceAlertHours={state.data.silenceAlertHours}
                          checkedAt={state.data.checkedAt}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function HealthBadge({
  network,
  silenceAlertHours,
  checkedAt,
}: {
  network: NetworkHealth;
  silenceAlertHours: number;
  checkedAt: string;
}) {
  const { t } = useTranslation();
  if (!network.isActive) return <span className="badge badge--muted">{t('admin.networks.inactive')}</span>;
  if (network.silent) return <span className="badge badge--rejected">{t('admin.health.silent')}</span>;
  if (network.lastPostbackAt === null)
    return <span className="badge badge--muted">{t('admin.health.nothingYet')}</span>;
  // Heard from within the window: fine, even for a network too new to "usually send".
  const heardRecently =
    Date.parse(checkedAt) - Date.parse(network.lastPostbackAt) <= silenceAlertHours * 3600 * 1000;
  if (!heardRecently && !network.usuallySends)
    return <span className="badge badge--muted">{t('admin.health.quiet')}</span>;
  return <span className="badge badge--approved">{t('admin.health.ok')}</span>;
}
