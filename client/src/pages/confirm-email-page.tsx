import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, confirmEmailChange } from '../api/client.js';
import { generalMessage } from '../components/api-errors.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLinkToken, useOnce } from '../components/use-link-token.js';
import { useMe } from '../auth/auth-context.js';

type ConfirmState =
  { status: 'confirming' | 'confirmed' | 'invalid' | 'taken' } | { status: 'error'; message: string };

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const { me, refresh } = useMe();
  const token = useLinkToken();
  const [state, setState] = useState<ConfirmState>(token ? { status: 'confirming' } : { status: 'invalid' });

  function run() {
    if (!token) return;
    setState({ status: 'confirming' });
    confirmEmailChange(token).then(
      async () => {
        setState({ status: 'confirmed' });
        await refresh();
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') setState({ status: 'taken' });
        else if (
          error instanceof ApiError &&
          (error.code === 'LINK_INVALID' || error.code === 'VALIDATION_FAILED')
        ) {
          setState({ status: 'invalid' });
        } else setState({ status: 'error', message: generalMessage(error, t) });
      },
    );
  }
  useOnce(run);

  const title =
    state.status === 'confirmed'
      ? t('confirmEmail.doneTitle')
      : state.status === 'confirming'
        ? t('confirmEmail.checkingTitle')
        : t('confirmEmail.failedTitle');
  useDocumentTitle(title);

  return (
    <article className="narrow">
      <h1>{title}</h1>
      {state.status === 'confirming' && (
        <p className="status status--loading" role="status">
          {t('confirmEmail.checking')}
        </p>
      )}
      {state.status === 'confirmed' && (
        <>
          <div className="notice notice--success" role="status">
            <p>{me ? t('confirmEmail.doneTextFor', { email: me.email }) : t('confirmEmail.doneText')}</p>
          </div>
          <p>
            <Link to={me ? '/settings' : '/login'} className="button">
              {me ? t('confirmEmail.toSettings') : t('verify.logIn')}
            </Link>
          </p>
        </>
      )}
      {state.status === 'invalid' && (
        <div className="notice notice--error" role="alert">
          <p>{t('confirmEmail.invalidText')}</p>
        </div>
      )}
      {state.status === 'taken' && (
        <div className="notice notice--error" role="alert">
          <p>{t('confirmEmail.takenText')}</p>
        </div>
      )}
      {state.status === 'error' && (
        <div className="status status--error" role="alert">
          <p>{state.message}</p>
          <button type="button" className="button" onClick={run}>
            {t('shops.retry')}
          </button>
        </div>
      )}
    </article>
  );
}
