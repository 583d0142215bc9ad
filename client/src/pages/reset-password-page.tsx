import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NewPasswordSchema } from '@shared/contracts/accounts.js';
import { ApiError, confirmPasswordReset } from '../api/client.js';
import { interpretError } from '../components/api-errors.js';
import { ErrorSummary, PasswordField, type FieldError } from '../components/form.js';
import { PasswordStrength } from '../components/password-strength.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useLinkToken } from '../components/use-link-token.js';
import { useMe } from '../auth/auth-context.js';

const PASSWORD_ID = 'reset-password';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { me, setMe } = useMe();
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [linkInvalid, setLinkInvalid] = useState(token === undefined);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(done ? t('reset.doneTitle') : t('reset.title'));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    setFormError(undefined);
    const found: FieldError[] = [];
    if (password === '') found.push({ id: PASSWORD_ID, message: t('fields.passwordMissing') });
    else if (!NewPasswordSchema.safeParse(password).success)
      found.push({ id: PASSWORD_ID, message: t('fields.passwordLength') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      await confirmPasswordReset(token, password);
      // Setting a new password ends every session, this browser's included.
      if (me) setMe(null);
      setDone(true);
      requestAnimationFrame(() => doneHeading.current?.focus());
    } catch (error) {
      const badToken =
        error instanceof ApiError &&
        (error.code === 'LINK_INVALID' ||
          error.problem?.errors?.some((issue) => issue.path === 'token') === true);
      if (badToken) {
        setLinkInvalid(true);
        return;
      }
      const interpreted = interpretError(error, t, {
        paths: { password: { id: PASSWORD_ID, message: t('fields.passwordLength') } },
        codes: {
          PASSWORD_TOO_COMMON: { id: PASSWORD_ID, message: t('fields.passwordTooCommon') },
          PASSWORD_LENGTH: { id: PASSWORD_ID, message: t('fields.passwordLength') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  if (done) {
    return (
      <article className="narrow">
        <h1 tabIndex={-1} ref={doneHeading}>
          {t('reset.doneTitle')}
        </h1>
        <div className="notice notice--success" role="status">
          <p>{t('reset.doneText')}</p>
        </div>
        <p>
          <Link to="/login" className="button">
            {t('reset.logIn')}
          </Link>
        </p>
      </article>
    );
  }

  if (linkInvalid) {
    return (
      <article className="narrow">
        <h1>{t('reset.invalidTitle')}</h1>
        <div className="notice notice--error" role="alert">
          <p>{t('reset.invalidText')}</p>
        </div>
        <p>
          <Link to="/forgot-password" className="button">
            {t('reset.requestNew')}
          </Link>
        </p>
      </article>
    );
  }

  return (
    <article className="narrow">
      <h1>{t('reset.title')}</h1>
      <p className="lead">{t('reset.intro')}</p>
      <ErrorSummary errors={errors} formError={formError} />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <PasswordField
          id={PASSWORD_ID}
          label={t('fields.newPassword')}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint={t('password.hint')}
          error={errors.find((error) => error.id === PASSWORD_ID)?.message}
          describedById={`${PASSWORD_ID}-strength`}
          after={
            <PasswordStrength id={`${PASSWORD_ID}-strength`} password={password} userInputs={['vratka']} />
          }
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('reset.submitting') : t('reset.submit')}
        </button>
      </form>
    </article>
  );
}
