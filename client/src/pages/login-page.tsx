import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { EmailSchema, PROVIDERS, type Provider } from '@shared/contracts/accounts.js';
import { login, providerLoginUrl } from '../api/client.js';
import { interpretError } from '../components/api-errors.js';
import {
  CheckboxField,
  ErrorSummary,
  PasswordField,
  TextField,
  type FieldError,
} from '../components/form.js';
import { PROVIDER_NAMES } from '../components/providers.js';
import { ProviderErrorMessage } from '../components/provider-error.js';
import { isServerPath, readReturnPath, ReturnTo, withNext } from '../components/return-path.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useMe } from '../auth/auth-context.js';
import { chooseLanguage } from '../i18n.js';

const IDS = { email: 'login-email', password: 'login-password', remember: 'login-remember' } as const;

function parseProvider(value: string | null): Provider | undefined {
  return PROVIDERS.find((provider) => provider === value);
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, setMe, providers } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = readReturnPath(searchParams);
  const linkProvider = parseProvider(searchParams.get('link'));
  const providerError = searchParams.get('error');
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  useDocumentTitle(t('login.title'));

  // After logging in to link a provider, settings offers the link button straight away.
  const destination = next ?? (linkProvider ? `/settings?connect=${linkProvider}#linked-logins` : '/');
  const offeredProviders = PROVIDERS.filter((provider) => providers[provider]);
  if (me) return <ReturnTo path={destination} />;

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    if (email.trim() === '') found.push({ id: IDS.email, message: t('fields.emailMissing') });
    else if (!EmailSchema.safeParse(email).success)
      found.push({ id: IDS.email, message: t('fields.emailInvalid') });
    if (password === '') found.push({ id: IDS.password, message: t('fields.passwordMissing') });
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(undefined);
    if (found.length > 0) return;
    setSending(true);
    try {
      const user = await login({ email, password, remember });
      await chooseLanguage(user.language);
      if (isServerPath(destination)) {
        // The server answers /go itself (records the click, redirects to the shop): load it for real.
        window.location.assign(destination);
        return;
      }
      setMe(user);
      await navigate(destination, { replace: true });
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          email: { id: IDS.email, message: t('fields.emailInvalid') },
          password: { id: IDS.password, message: t('fields.passwordMissing') },
        },
        codes: { INVALID_CREDENTIALS: t('login.invalidCredentials') },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <article className="narrow">
      <h1>{t('login.title')}</h1>
      {loggedOut && (
        <div className="notice notice--success" role="status">
          <p>{t('login.loggedOut')}</p>
        </div>
      )}
      {next && !linkProvider && (
        <div className="notice" role="status">
          <p>{isServerPath(next) ? t('login.neededForShop') : t('login.needed')}</p>
        </div>
      )}
      {linkProvider && (
        <div className="notice" role="status">
          <p>{t('login.linkExisting', { provider: PROVIDER_NAMES[linkProvider] })}</p>
        </div>
      )}
      {providerError !== null && <ProviderErrorMessage code={providerError} />}
      <ErrorSummary errors={errors} formError={formError} />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id={IDS.email}
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errorOf(IDS.email)}
        />
        <PasswordField
          id={IDS.password}
          label={t('fields.password')}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errorOf(IDS.password)}
        />
        <CheckboxField
          id={IDS.remember}
          label={t('login.remember')}
          hint={t('login.rememberHint')}
          checked={remember}
          onChange={setRemember}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="form-aside">
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      {!linkProvider && offeredProviders.length > 0 && (
        <section className="providers" aria-labelledby="login-providers">
          <h2 id="login-providers">{t('login.providersTitle')}</h2>
          <p>{t('login.providersText')}</p>
          <ul className="providers__list">
            {offeredProviders.map((provider) => (
              <li key={provider}>
                {/* A plain link: the server answers with a redirect to the provider, not JSON. */}
                <a
                  className={`button button--provider button--${provider}`}
                  href={providerLoginUrl(provider, { next })}
                >
                  {t('login.continueWith', { provider: PROVIDER_NAMES[provider] })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="form-aside">
        {t('login.noAccount')} <Link to={withNext('/register', next)}>{t('login.registerInstead')}</Link>
      </p>
    </article>
  );
}
