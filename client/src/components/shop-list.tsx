import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopSummary } from '@shared/contracts/shops.js';
import type { MarketCode } from '@shared/markets.js';
import { getShops } from '../api/client.js';
import { ShopCard } from './shop-card.js';

const PAGE_SIZE = 24;

export interface ShopFilter {
  market: MarketCode;
  /** Part of the shop's name; empty for all. */
  q: string;
  /** A category code; empty for all. */
  category: string;
}

type ShopsState =
  | { status: 'loading'; previous?: ShopSummary[] }
  | { status: 'error' }
  | {
      status: 'loaded';
      /** The filter these shops answer; a list for another one is only a placeholder. */
      key: string;
      items: ShopSummary[];
      nextCursor: string | null;
      more: 'idle' | 'loading' | 'error';
    };

function useShops({ market, q, category }: ShopFilter) {
  const key = JSON.stringify([market, q, category]);
  const [state, setState] = useState<ShopsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // While a new search loads, the last list stays (dimmed) instead of jumping away under the finger.
    setState((previous) => ({
      status: 'loading',
      previous: previous.status === 'loaded' ? previous.items : undefined,
    }));
    getShops({ market, q, category, limit: PAGE_SIZE }, controller.signal).then(
      (page) =>
        setState({ status: 'loaded', key, items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [key, market, q, category, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || state.nextCursor === null) return;
    const controller = new AbortController();
    moreRequest.current = controller;
    const { items, nextCursor } = state;
    setState({ ...state, more: 'loading' });
    getShops({ market, q, category, limit: PAGE_SIZE, cursor: nextCursor }, controller.signal).then(
      (page) =>
        setState({
          status: 'loaded',
          key,
          items: [...items, ...page.items],
          nextCursor: page.nextCursor,
          more: 'idle',
        }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'loaded', key, items, nextCursor, more: 'error' });
      },
    );
  }, [key, market, q, category, state]);

  // Between a change of filter and the effect that loads for it, the old list is not the answer.
  const current: ShopsState =
    state.status === 'loaded' && state.key !== key ? { status: 'loading', previous: state.items } : state;
  return { state: current, retry, loadMore };
}

interface ShopListProps {
  filter: ShopFilter;
  /** Told the categories of every shop shown, to offer them as filters. */
  onShopsShown?: (shops: ShopSummary[]) => void;
  /** Shown instead of the general empty state when a search or filter finds nothing. */
  onClearFilter?: () => void;
}

export function ShopList({ filter, onShopsShown, onClearFilter }: ShopListProps) {
  const { t } = useTranslation();
  const { state, retry, loadMore } = useShops(filter);
  const filtered = filter.q !== '' || filter.category !== '';

  useEffect(() => {
    if (state.status === 'loaded') onShopsShown?.(state.items);
  }, [state, onShopsShown]);

  switch (state.status) {
    case 'loading':
      if (state.previous && state.previous.length > 0) {
        return (
          <>
            <p className="visually-hidden" role="status">
              {t('shops.searching')}
            </p>
            <ul className="shop-list shop-list--stale" data-testid="shop-list" aria-busy="true">
              {state.previous.map((shop) => (
                <ShopCard key={shop.slug} shop={shop} />
              ))}
            </ul>
          </>
        );
      }
      return (
        <p className="status status--loading" role="status">
          {t('shops.loading')}
        </p>
      );
    case 'error':
      return (
        <div className="status status--error" role="alert">
          <p>{t('shops.error')}</p>
          <button type="button" className="button" onClick={retry}>
            {t('shops.retry')}
          </button>
        </div>
      );
    case 'loaded':
      if (state.items.length === 0) {
        return filtered ? (
          <div className="status" role="status">
            <p>{filter.q !== '' ? t('shops.noMatch', { query: filter.q }) : t('shops.noMatchCategory')}</p>
            {onClearFilter && (
              <button type="button" className="button button--secondary" onClick={onClearFilter}>
                {t('shops.clearFilter')}
              </button>
            )}
          </div>
        ) : (
          <p className="status" role="status">
            {t('shops.empty')}
          </p>
        );
      }
      return (
        <>
          <p className="visually-hidden" role="status">
            {filtered ? t('shops.found', { count: state.items.length }) : ''}
          </p>
          <ul className="shop-list" data-testid="shop-list">
            {state.items.map((shop) => (
              <ShopCard key={shop.slug} shop={shop} />
            ))}
          </ul>
          {state.more === 'error' && (
            <p className="status status--error" role="alert">
              {t('shops.error')}
            </p>
          )}
          {state.nextCursor !== null && (
            <button type="button" className="button" onClick={loadMore} disabled={state.more === 'loading'}>
              {state.more === 'loading' ? t('shops.loadingMore') : t('shops.more')}
            </button>
          )}
        </>
      );
  }
}
