import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, verifyEmail } from '../api/client.js';
import { generalMessage } from '../components/api-errors.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLinkToken, useOnce } from '../components/use-link-token.js';
import { useMe } from '../auth/auth-context.js';

type VerifyState = { status: 'verifying' | 'verified' | 'invalid' } | { status: 'error'; message: string };

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { me, refresh } = useMe();
  const token = useLinkToken();
  const [state, setState] = useState<VerifyState>(token ? { status: 'verifying' } : { status: 'invalid' });

  function run() {
    if (!token) return;
    setState({ status: 'verifying' });
    verifyEmail(token).then(
      async () => {
        setState({ status: 'verified' });
        await refresh();
      },
      (error: unknown) => {
        if (
          error instanceof ApiError &&
          (error.code === 'LINK_INVALID' || error.code === 'VALIDATION_FAILED')
        ) {
          setState({ status: 'invalid' });
        } else {
          setState({ status: 'error', message: generalMessage(error, t) });
        }
      },
    );
  }
  useOnce(run);

  const title =
    state.status === 'verified'
      ? t('verify.doneTitle')
      : state.status === 'verifying'
        ? t('verify.checkingTitle')
        : t('verify.failedTitle');
  useDocumentTitle(title);

  return (
    <article className="narrow">
      <h1>{title}</h1>
      {state.status === 'verifying' && (
        <p className="status status--loading" role="status">
          {t('verify.checking')}
        </p>
      )}
      {state.status === 'verified' && (
        <>
          <div className="notice notice--success" role="status">
            <p>{t('verify.doneText')}</p>
          </div>
          <p>
            {me ? (
              <Link to="/" className="button">
                {t('verify.toShops')}
              </Link>
            ) : (
              <Link to="/login" className="button">
                {t('verify.logIn')}
              </Link>
            )}
          </p>
        </>
      )}
      {state.status === 'invalid' && (
        <div className="notice notice--error" role="alert">
          <p>{t('verify.invalidText')}</p>
          <p>{me ? t('verify.invalidLoggedIn') : t('verify.invalidLoggedOut')}</p>
          {!me && (
            <p>
              <Link to="/login">{t('verify.logIn')}</Link>
            </p>
          )}
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
