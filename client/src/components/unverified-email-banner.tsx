import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resendVerification } from '../api/client.js';
import { generalMessage } from './api-errors.js';

type ResendState = { status: 'idle' | 'sending' | 'sent' } | { status: 'error'; message: string };

export function UnverifiedEmailBanner({ email }: { email: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ResendState>({ status: 'idle' });

  function resend() {
    setState({ status: 'sending' });
    resendVerification().then(
      () => setState({ status: 'sent' }),
      (error: unknown) => setState({ status: 'error', message: generalMessage(error, t) }),
    );
  }

  return (
    <section className="banner" aria-labelledby="unverified-title">
      <h2 id="unverified-title" className="banner__title">
        {t('verify.bannerTitle')}
      </h2>
      <p>{t('verify.bannerText', { email })}</p>
      <div role="status">{state.status === 'sent' && <p>{t('verify.resent', { email })}</p>}</div>
      {state.status === 'error' && (
        <p className="banner__error" role="alert">
          {state.message}
        </p>
      )}
      {state.status !== 'sent' && (
        <button
          type="button"
          className="button button--secondary"
          onClick={resend}
          disabled={state.status === 'sending'}
        >
          {state.status === 'sending' ? t('verify.resending') : t('verify.resend')}
        </button>
      )}
    </section>
  );
}
