import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmailSchema } from '@shared/contracts/accounts.js';
import { requestPasswordReset } from '../api/client.js';
import { interpretError } from '../components/api-errors.js';
import { ErrorSummary, TextField, type FieldError } from '../components/form.js';
import { useDocumentTitle } from '../components/use-document-title.js';

const EMAIL_ID = 'forgot-email';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(sentTo ? t('forgot.sentTitle') : t('forgot.title'));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldError[] = [];
    if (email.trim() === '') found.push({ id: EMAIL_ID, message: t('fields.emailMissing') });
    else if (!EmailSchema.safeParse(email).success)
      found.push({ id: EMAIL_ID, message: t('fields.emailInvalid') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      await requestPasswordReset(email);
      setSentTo(email.trim());
      requestAnimationFrame(() => doneHeading.current?.focus());
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: { email: { id: EMAIL_ID, message: t('fields.emailInvalid') } },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  if (sentTo) {
    return (
      <article className="narrow">
        <h1 tabIndex={-1} ref={doneHeading}>
          {t('forgot.sentTitle')}
        </h1>
        <div className="notice notice--success" role="status">
          <p>
            <Trans i18nKey="forgot.sentText" values={{ email: sentTo }} components={{ strong: <strong /> }} />
          </p>
        </div>
        <p>{t('forgot.sentHelp')}</p>
        <p>
          <Link to="/login">{t('forgot.backToLogin')}</Link>
        </p>
      </article>
    );
  }

  return (
    <article className="narrow">
      <h1>{t('forgot.title')}</h1>
      <p className="lead">{t('forgot.intro')}</p>
      <ErrorSummary errors={errors} formError={formError} />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id={EMAIL_ID}
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errors.find((error) => error.id === EMAIL_ID)?.message}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('forgot.submitting') : t('forgot.submit')}
        </button>
      </form>
      <p className="form-aside">
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </article>
  );
}
