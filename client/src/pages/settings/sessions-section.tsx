import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listSessions, revokeOtherSessions, revokeSession, type Session } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { SuccessMessage } from '../../components/form.js';
import { describeUserAgent, formatDateTime, useLocale } from '../../components/format.js';
import { SettingsSection } from './settings-section.js';
import { useLoader } from '../../components/use-loader.js';

type Outcome = { kind: 'done'; message: string } | { kind: 'error'; message: string };

export function SessionsSection({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [ownVersion, setOwnVersion] = useState(0);
  const { state, reload } = useLoader(listSessions, version + ownVersion);
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();

  async function act(key: string, action: () => Promise<string>) {
    setBusy(key);
    setOutcome(undefined);
    try {
      setOutcome({ kind: 'done', message: await action() });
      setOwnVersion((count) => count + 1);
      onChanged();
    } catch (error) {
      setOutcome({ kind: 'error', message: generalMessage(error, t) });
    } finally {
      setBusy(undefined);
    }
  }

  const describe = (session: Session) =>
    describeUserAgent(session.userAgent) ?? t('settings.sessions.unknownBrowser');

  function body() {
    switch (state.status) {
      case 'loading':
        return (
          <p className="status status--loading" role="status">
            {t('settings.sessions.loading')}
          </p>
        );
      case 'error':
        return (
          <div className="status status--error" role="alert">
            <p>{t('settings.sessions.error')}</p>
            <button type="button" className="button" onClick={reload}>
              {t('shops.retry')}
            </button>
          </div>
        );
      case 'loaded': {
        const others = state.data.filter((session) => !session.current);
        return (
          <>
            <ul className="session-list" data-testid="session-list">
              {state.data.map((session) => (
                <li key={session.id} className="session" data-current={session.current || undefined}>
                  <h3 className="session__title">
                    {describe(session)}
                    {session.current && <span className="badge">{t('settings.sessions.current')}</span>}
                  </h3>
                  <dl className="facts">
                    <div>
                      <dt>{t('settings.sessions.lastSeen')}</dt>
                      <dd>{formatDateTime(session.lastSeenAt, locale)}</dd>
                    </div>
                    <div>
                      <dt>{t('settings.sessions.createdAt')}</dt>
                      <dd>{formatDateTime(session.createdAt, locale)}</dd>
                    </div>
                    <div>
                      <dt>{t('settings.sessions.ip')}</dt>
                      <dd>{session.ip ?? t('settings.sessions.unknownIp')}</dd>
                    </div>
                    <div>
                      <dt>{t('settings.sessions.expiresAt')}</dt>
                      <dd>{formatDateTime(session.expiresAt, locale)}</dd>
                    </div>
                  </dl>
                  {!session.current && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== undefined}
                      onClick={() =>
                        void act(session.id, async () => {
                          await revokeSession(session.id);
                          return t('settings.sessions.revoked', { device: describe(session) });
                        })
                      }
                    >
                      {t('settings.sessions.revoke')}
                      <span className="visually-hidden">
                        {' '}
                        {describe(session)}, {formatDateTime(session.lastSeenAt, locale)}
                      </span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {others.length === 0 ? (
              <p className="status" role="status">
                {t('settings.sessions.noOthers')}
              </p>
            ) : (
              <button
                type="button"
                className="button button--danger"
                disabled={busy !== undefined}
                onClick={() =>
                  void act('all', async () => {
                    const { endedSessions } = await revokeOtherSessions();
                    return t('settings.sessions.revokedAll', { count: endedSessions });
                  })
                }
              >
                {busy === 'all' ? t('settings.sessions.revokingAll') : t('settings.sessions.revokeAll')}
              </button>
            )}
          </>
        );
      }
    }
  }

  return (
    <SettingsSection id="sessions" title={t('settings.sessions.title')} intro={t('settings.sessions.intro')}>
      {outcome?.kind === 'done' && (
        <SuccessMessage>
          <p>{outcome.message}</p>
        </SuccessMessage>
      )}
      {outcome?.kind === 'error' && (
        <p className="notice notice--error" role="alert">
          {outcome.message}
        </p>
      )}
      {body()}
    </SettingsSection>
  );
}
