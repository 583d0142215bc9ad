import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'loaded'; items: T[]; nextCursor: string | null; more: 'idle' | 'loading' | 'error' };

/**
 * A keyset-paginated list: the first page whenever `load` changes (memoise it on its filter),
 * then "load more" with the cursor the server gave.
 */
export function usePagedList<T>(load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(undefined, controller.signal).then(
      (page) => setState({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || state.nextCursor === null) return;
    const controller = new AbortController();
    moreRequest.current = controller;
    const { items, nextCursor } = state;
    setState({ ...state, more: 'loading' });
    load(nextCursor, controller.signal).then(
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
  }, [load, state]);

  return { state, reload, loadMore };
}
