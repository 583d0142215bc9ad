import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listNetworks } from '../../api/admin.js';
import { generalMessage } from '../../components/api-errors.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { usePagedList } from '../../components/use-paged-list.js';

export function AdminNetworksPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.networks.title'));
  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) => listNetworks({ limit: 50, cursor }, signal),
    [],
  );
  const { state, reload, loadMore } = usePagedList(load);

  return (
    <section aria-labelledby="admin-networks-title">
      <div className="admin__header">
        <h1 id="admin-networks-title">{t('admin.networks.title')}</h1>
        {canEdit && (
          <Link className="button" to="/admin/networks/new">
            {t('admin.networks.add')}
          </Link>
        )}
      </div>
      <p className="lead">{t('admin.networks.intro')}</p>
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
      {state.status === 'loaded' &&
        (state.items.length === 0 ? (
          <p className="status">{t('admin.networks.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="admin-network-table">
                <caption>{t('admin.networks.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.network.name')}</th>
                    <th scope="col">{t('admin.network.kind')}</th>
                    <th scope="col">{t('admin.network.postbackUrl')}</th>
                    <th scope="col">{t('admin.shops.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((network) => (
                    <tr key={network.slug}>
                      <th scope="row">
                        <Link to={`/admin/networks/${network.slug}`}>{network.name}</Link>
                        <span className="table__secondary">{network.slug}</span>
                      </th>
                      <td>{t(`admin.network.kinds.${network.kind}`)}</td>
                      <td>
                        <code>/postback/{network.slug}</code>
                      </td>
                      <td>
                        {network.isActive ? (
                          t('admin.networks.active')
                        ) : (
                          <span className="badge badge--muted">{t('admin.networks.inactive')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={state.more === 'loading'}
              >
                {t('admin.shops.more')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
