import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { generalMessage } from './api-errors.js';
import type { PagedState } from './use-paged-list.js';

interface PagedListProps<T> {
  state: PagedState<T>;
  onRetry: () => void;
  onMore: () => void;
  loading: string;
  /** Said before the reason when the first page cannot be read. */
  failed?: string;
  empty: string;
  more: string;
  /** The "more" button's text after a further page failed to load; `more` when not given. */
  moreFailed?: string;
  /** Renders the loaded items; `moreButton` (null on the last page) goes where the list ends. */
  children: (items: T[], moreButton: ReactNode) => ReactNode;
}

/**
 * A keyset-paginated list's states as every list page shows them: loading, an error with a retry,
 * empty, or the items followed by a "show more" button while the server has more.
 */
export function PagedList<T>({
  state,
  onRetry,
  onMore,
  loading,
  failed,
  empty,
  more,
  moreFailed,
  children,
}: PagedListProps<T>) {
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <p className="status status--loading" role="status">
        {loading}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="status status--error" role="alert">
        <p>
          {failed === undefined ? '' : `${failed} `}
          {generalMessage(state.error, t)}
        </p>
        <button type="button" className="button" onClick={onRetry}>
          {t('shops.retry')}
        </button>
      </div>
    );
  }
  if (state.items.length === 0) return <p className="status">{empty}</p>;
  const moreButton =
    state.nextCursor === null ? null : (
      <button
        type="button"
        className="button button--secondary"
        disabled={state.more === 'loading'}
        onClick={onMore}
      >
        {state.more === 'error' && moreFailed !== undefined ? moreFailed : more}
      </button>
    );
  return <>{children(state.items, moreButton)}</>;
}
