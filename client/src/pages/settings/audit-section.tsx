import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAudit, type AuditEntry } from '../../api/client.js';
import { describeUserAgent, formatDateTime, useLocale } from '../../components/format.js';
import { SettingsSection } from './settings-section.js';

const PAGE_SIZE = 20;

/** Actions the server records (its `AuditAction`); an unknown one is shown under a general label. */
const ACTIONS = [
  'register',
  'login',
  'login_failed',
  'logout',
  'email_verified',
  'email_change_requested',
  'email_changed',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'profile_changed',
  'consent_changed',
  'onboarding_completed',
  'terms_accepted',
  'bank_account_changed',
  'bank_account_added',
  'bank_account_confirmed',
  'bank_account_removed',
  'provider_linked',
  'provider_unlinked',
  'session_revoked',
  'token_created',
  'token_revoked',
  'role_changed',
  'personal_data_viewed',
] as const;
type KnownAction = (typeof ACTIONS)[number];
const isKnownAction = (action: string): action is KnownAction => ACTIONS.some((known) => known === action);

type AuditState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'loaded'; items: AuditEntry[]; nextCursor: string | null; more: 'idle' | 'loading' | 'error' };

export function AuditSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [state, setState] = useState<AuditState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getAudit({ limit: PAGE_SIZE }, controller.signal).then(
      (page) => setState({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [version, attempt]);

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || state.nextCursor === null) return;
    const { items, nextCursor } = state;
    setState({ ...state, more: 'loading' });
    getAudit({ limit: PAGE_SIZE, cursor: nextCursor }).then(
      (page) =>
        setState({
          status: 'loaded',
          items: [...items, ...page.items],
          nextCursor: page.nextCursor,
          more: 'idle',
        }),
      () => setState({ status: 'loaded', items, nextCursor, more: 'error' }),
    );
  }, [state]);

  function describeAction(entry: AuditEntry): string {
    const action = isKnownAction(entry.action)
      ? t(`settings.audit.actions.${entry.action}`)
      : t('settings.audit.actions.other');
    switch (entry.actor) {
      case 'self':
        return action;
      case 'staff':
        return `${action} ${t('settings.audit.byStaff')}`;
      case 'system':
        return `${action} ${t('settings.audit.bySystem')}`;
    }
  }

  function body() {
    switch (state.status) {
      case 'loading':
        return (
          <p className="status status--loading" role="status">
            {t('settings.audit.loading')}
          </p>
        );
      case 'error':
        return (
          <div className="status status--error" role="alert">
            <p>{t('settings.audit.error')}</p>
            <button type="button" className="button" onClick={() => setAttempt((count) => count + 1)}>
              {t('shops.retry')}
            </button>
          </div>
        );
      case 'loaded':
        if (state.items.length === 0) {
          return (
            <p className="status" role="status">
              {t('settings.audit.empty')}
            </p>
          );
        }
        return (
          <>
            <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table className="table" data-testid="audit-table">
                <caption id="audit-caption">{t('settings.audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.audit.time')}</th>
                    <th scope="col">{t('settings.audit.action')}</th>
                    <th scope="col">{t('settings.audit.ip')}</th>
                    <th scope="col">{t('settings.audit.browser')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, locale)}</time>
                      </td>
                      <td>{describeAction(entry)}</td>
                      <td>{entry.ip ?? '–'}</td>
                      <td>{describeUserAgent(entry.userAgent) ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.more === 'error' && (
              <p className="notice notice--error" role="alert">
                {t('settings.audit.error')}
              </p>
            )}
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={state.more === 'loading'}
              >
                {state.more === 'loading' ? t('settings.audit.loadingMore') : t('settings.audit.more')}
              </button>
            )}
          </>
        );
    }
  }

  return (
    <SettingsSection id="audit" title={t('settings.audit.title')} intro={t('settings.audit.intro')}>
      {body()}
    </SettingsSection>
  );
}
