import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { LEGAL_DOCUMENTS } from '@shared/legal.js';
import { acceptTerms } from '../api/client.js';
import { useMe } from '../auth/auth-context.js';
import { interpretError } from '../components/api-errors.js';
import { useLocale } from '../components/format.js';
import { CheckboxField, ErrorSummary, type FieldError } from '../components/form.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { formatEffectiveDate, legalDocumentPath } from '../legal/legal-versions.js';

const CHECKBOX_ID = 'accept-terms-agree';

/**
 * After a new version of the terms or the privacy notice took effect: the shopper reads what
 * changed and accepts it before using the account again (or logs out; the balance stays theirs).
 */
export function AcceptTermsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acceptTerms.title'));
  return (
    <RequireLogin>
      {(me) => (me.mustAcceptTerms ? <AcceptTermsForm me={me} /> : <Navigate to="/" replace />)}
    </RequireLogin>
  );
}

function AcceptTermsForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { legal, setMe, refresh, logout } = useMe();
  const navigate = useNavigate();
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  const accepted = { terms: me.termsVersion, privacy: me.privacyVersion };
  const changed = LEGAL_DOCUMENTS.filter(
    (document) => accepted[document] !== legal[document].current.version,
  );

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    if (!agreed) {
      setErrors([{ id: CHECKBOX_ID, message: t('acceptTerms.missing') }]);
      return;
    }
    setErrors([]);
    setSending(true);
    try {
      const updated = await acceptTerms({
        termsVersion: legal.terms.current.version,
        privacyVersion: legal.privacy.current.version,
      });
      setMe(updated);
      await navigate('/', { replace: true });
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          termsVersion: { id: CHECKBOX_ID, message: t('consent.termsOutdated') },
          privacyVersion: { id: CHECKBOX_ID, message: t('consent.termsOutdated') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
      // The versions in effect may have moved on while the page was open: show the new ones.
      await refresh();
      setSending(false);
    }
  }

  return (
    <article className="narrow">
      <h1>{t('acceptTerms.title')}</h1>
      <p className="lead">{t('acceptTerms.intro')}</p>
      <ErrorSummary errors={errors} formError={formError} />
      <ul>
        {changed.map((document) => (
          <li key={document}>
            <a
              href={legalDocumentPath(document, legal[document].current.version)}
              target="_blank"
              rel="noopener"
            >
              {t(`acceptTerms.${document}`, {
                version: legal[document].current.version,
                date: formatEffectiveDate(legal[document].current.effectiveFrom, locale),
              })}
            </a>
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <CheckboxField
          id={CHECKBOX_ID}
          label={t('acceptTerms.agree')}
          checked={agreed}
          onChange={setAgreed}
          error={errors.find((error) => error.id === CHECKBOX_ID)?.message}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('acceptTerms.submitting') : t('acceptTerms.submit')}
        </button>
      </form>
      <section className="accept-terms__decline" aria-labelledby="accept-terms-decline">
        <h2 id="accept-terms-decline">{t('acceptTerms.declineTitle')}</h2>
        <p>{t('acceptTerms.declineText')}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void logout(() => void navigate('/', { replace: true }))}
        >
          {t('acceptTerms.logout')}
        </button>
      </section>
    </article>
  );
}
