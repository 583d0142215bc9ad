import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopSummary } from '@shared/contracts/shops.js';
import type { MarketCode } from '@shared/markets.js';
import { getShops } from '../api/client.js';
import { ShopCard } from './shop-card.js';

const PAGE_SIZE = 24;

type ShopsState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'loaded'; items: ShopSummary[]; nextCursor: string | null; more: 'idle' | 'loading' | 'error' };

function useShops(market: MarketCode) {
  const [state, setState] = useState<ShopsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getShops({ market, limit: PAGE_SIZE }, controller.signal).then(
      (page) => setState({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [market, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || state.nextCursor === null) return;
    const controller = new AbortController();
    moreRequest.current = controller;
    const { items, nextCursor } = state;
    setState({ ...state, more: 'loading' });
    getShops({ market, limit: PAGE_SIZE, cursor: nextCursor }, controller.signal).then(
      (page) =>
        setState({
          status: 'loaded',
          items: [...items, ...page.items],
          nextCursor: page.nextCursor,
          more: 'idle',
        }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'loaded', items, nextCursor, more: 'error' });
      },
    );
  }, [market, state]);

  return { state, retry, loadMore };
}

export function ShopList({ market }: { market: MarketCode }) {
  const { t } = useTranslation();
  const { state, retry, loadMore } = useShops(market);

  switch (state.status) {
    case 'loading':
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
        return (
          <p className="status" role="status">
            {t('shops.empty')}
          </p>
        );
      }
      return (
        <>
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
