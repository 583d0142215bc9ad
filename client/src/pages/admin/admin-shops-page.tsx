import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MARKET_CODES, type MarketCode } from '@shared/markets.js';
import { listAdminShops, type AdminShopFilter } from '../../api/admin.js';
import { generalMessage } from '../../components/api-errors.js';
import { useCashbackText } from '../../components/cashback.js';
import { SelectField } from '../../components/form.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { usePagedList } from '../../components/use-paged-list.js';

const PAGE_SIZE = 50;
type StateFilter = 'all' | 'active' | 'inactive';
type MarketFilter = 'all' | MarketCode;

export function AdminShopsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const cashback = useCashbackText();
  useDocumentTitle(t('admin.shops.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const market: MarketFilter = MARKET_CODES.find((code) => code === searchParams.get('market')) ?? 'all';
  const stateFilter: StateFilter =
    searchParams.get('state') === 'active' || searchParams.get('state') === 'inactive'
      ? (searchParams.get('state') as StateFilter)
      : 'all';

  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) => {
      const filter: AdminShopFilter = { limit: PAGE_SIZE, cursor };
      if (q.trim() !== '') filter.q = q.trim();
      if (market !== 'all') filter.market = market;
      if (stateFilter !== 'all') filter.active = stateFilter === 'active';
      return listAdminShops(filter, signal);
    },
    [q, market, stateFilter],
  );
  const { state, reload, loadMore } = usePagedList(load);

  return (
    <section aria-labelledby="admin-shops-title">
      <div className="admin__header">
        <h1 id="admin-shops-title">{t('admin.shops.title')}</h1>
        {canEdit && (
          <Link className="button" to="/admin/shops/new">
            {t('admin.shops.add')}
          </Link>
        )}
      </div>
      <ShopFilters
        key={`${q}|${market}|${stateFilter}`}
        q={q}
        market={market}
        state={stateFilter}
        onApply={(filter) => {
          const next = new URLSearchParams();
          if (filter.q.trim() !== '') next.set('q', filter.q.trim());
          if (filter.market !== 'all') next.set('market', filter.market);
          if (filter.state !== 'all') next.set('state', filter.state);
          setSearchParams(next);
        }}
      />
      {state.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.shops.loading')}
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
          <p className="status" role="status">
            {t('admin.shops.empty')}
          </p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="admin-shop-table">
                <caption>{t('admin.shops.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.shop.name')}</th>
                    <th scope="col">{t('admin.shop.market')}</th>
                    <th scope="col">{t('admin.shop.network')}</th>
                    <th scope="col">{t('admin.shops.cashback')}</th>
                    <th scope="col">{t('admin.shops.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((shop) => (
                    <tr key={shop.slug}>
                      <th scope="row">
                        <Link to={`/admin/shops/${shop.slug}`}>{shop.name}</Link>
                        <span className="table__secondary">{shop.slug}</span>
                      </th>
                      <td>{t(`market.${shop.market}`)}</td>
                      <td>{shop.networkSlug}</td>
                      <td>{cashback.headline(shop.cashback)}</td>
                      <td>
                        {shop.isActive ? (
                          t('admin.state.active')
                        ) : (
                          <span className="badge badge--muted">{t('admin.state.inactive')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.more === 'error' && (
              <p className="status status--error" role="alert">
                {t('admin.shops.moreFailed')}
              </p>
            )}
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

interface Filter {
  q: string;
  market: MarketFilter;
  state: StateFilter;
}

function ShopFilters({ onApply, ...initial }: Filter & { onApply: (filter: Filter) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>(initial);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filter);
  }

  return (
    <form className="admin-filters" role="search" onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor="admin-shops-q">
          {t('admin.shops.search')}
        </label>
        <input
          id="admin-shops-q"
          className="field__input"
          type="search"
          maxLength={100}
          value={filter.q}
          onChange={(event) => setFilter({ ...filter, q: event.target.value })}
        />
      </div>
      <SelectField<MarketFilter>
        id="admin-shops-market"
        label={t('admin.shop.market')}
        value={filter.market}
        onChange={(market) => setFilter({ ...filter, market })}
        choices={[
          { value: 'all', label: t('admin.shops.allMarkets') },
          ...MARKET_CODES.map((code) => ({ value: code, label: t(`market.${code}`) })),
        ]}
      />
      <SelectField<StateFilter>
        id="admin-shops-state"
        label={t('admin.shops.state')}
        value={filter.state}
        onChange={(state) => setFilter({ ...filter, state })}
        choices={[
          { value: 'all', label: t('admin.shops.allStates') },
          { value: 'active', label: t('admin.state.active') },
          { value: 'inactive', label: t('admin.state.inactive') },
        ]}
      />
      <div className="admin-filters__submit">
        <button type="submit" className="button button--secondary">
          {t('admin.shops.filter')}
        </button>
      </div>
    </form>
  );
}
