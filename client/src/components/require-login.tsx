import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { useMe } from '../auth/auth-context.js';

/** Renders its children for a logged-in shopper; anyone else is sent to log in and brought back. */
export function RequireLogin({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const { status, me, refresh } = useMe();
  const location = useLocation();

  switch (status) {
    case 'loading':
      return (
        <p className="status status--loading" role="status">
          {t('account.checking')}
        </p>
      );
    case 'error':
      return (
        <div className="status status--error" role="alert">
          <p>{t('account.checkFailed')}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('shops.retry')}
          </button>
        </div>
      );
    case 'ready':
      if (!me) {
        const next = `${location.pathname}${location.search}`;
        return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
      }
      return children(me);
  }
}
