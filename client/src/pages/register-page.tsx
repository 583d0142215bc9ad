import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmailSchema, NewPasswordSchema } from '@shared/contracts/accounts.js';
import type { MarketCode } from '@shared/markets.js';
import { register } from '../api/client.js';
import { interpretError } from '../components/api-errors.js';
import {
  ConsentFields,
  emptyMarketing,
  useMarketChoices,
  type MarketingState,
} from '../components/consent-fields.js';
import { ErrorSummary, PasswordField, RadioGroup, TextField, type FieldError } from '../components/form.js';
import { PasswordStrength } from '../components/password-strength.js';
import { isServerPath, readReturnPath, ReturnTo, withNext } from '../components/return-path.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useMe } from '../auth/auth-context.js';
import { currentLanguage } from '../i18n.js';

const IDS = {
  email: 'register-email',
  password: 'register-password',
  market: 'register-market',
  adult: 'register-adult',
  terms: 'register-terms',
} as const;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { me, legal } = useMe();
  const [searchParams] = useSearchParams();
  const next = readReturnPath(searchParams);
  const language = currentLanguage(i18n.resolvedLanguage);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [market, setMarket] = useState<MarketCode>(language === 'sk' ? 'sk' : 'cz');
  const [adult, setAdult] = useState(false);
  const [terms, setTerms] = useState(false);
  const [marketing, setMarketing] = useState<MarketingState>(emptyMarketing);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const marketChoices = useMarketChoices();
  useDocumentTitle(sentTo ? t('register.sentTitle') : t('register.title'));

  if (me && !sentTo) return <ReturnTo path={next ?? '/settings'} />;

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    if (email.trim() === '') found.push({ id: IDS.email, message: t('fields.emailMissing') });
    else if (!EmailSchema.safeParse(email).success)
      found.push({ id: IDS.email, message: t('fields.emailInvalid') });
    if (password === '') found.push({ id: IDS.password, message: t('fields.passwordMissing') });
    else if (!NewPasswordSchema.safeParse(password).success)
      found.push({ id: IDS.password, message: t('fields.passwordLength') });
    if (!adult) found.push({ id: IDS.adult, message: t('consent.adultMissing') });
    if (!terms) found.push({ id: IDS.terms, message: t('consent.termsMissing') });
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
      await register({
        email,
        password,
        market,
        language,
        adultConfirmed: true,
        // The versions in effect as the server sees the date, shown behind the links above.
        termsVersion: legal.terms.current.version,
        privacyVersion: legal.privacy.current.version,
        marketing,
      });
      setSentTo(email.trim());
      requestAnimationFrame(() => doneHeading.current?.focus());
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          email: { id: IDS.email, message: t('fields.emailInvalid') },
          password: { id: IDS.password, message: t('fields.passwordLength') },
          market: { id: IDS.market, message: t('consent.marketMissing') },
          adultConfirmed: { id: IDS.adult, message: t('consent.adultMissing') },
          termsVersion: { id: IDS.terms, message: t('consent.termsOutdated') },
          privacyVersion: { id: IDS.terms, message: t('consent.termsOutdated') },
        },
        codes: {
          PASSWORD_TOO_COMMON: { id: IDS.password, message: t('fields.passwordTooCommon') },
          PASSWORD_LENGTH: { id: IDS.password, message: t('fields.passwordLength') },
        },
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
          {t('register.sentTitle')}
        </h1>
        <div className="notice notice--success" role="status">
          <p>
            <Trans
              i18nKey="register.sentText"
              values={{ email: sentTo }}
              components={{ strong: <strong /> }}
            />
          </p>
        </div>
        <p>{t('register.sentSpam')}</p>
        <p>{t('register.sentExisting')}</p>
        {next !== undefined && isServerPath(next) && <p>{t('register.sentThenShop')}</p>}
        <p>
          <Link to={withNext('/login', next)}>{t('register.sentLogIn')}</Link>
        </p>
      </article>
    );
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <article className="narrow">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      {next !== undefined && isServerPath(next) && (
        <div className="notice" role="status">
          <p>{t('register.forShop')}</p>
        </div>
      )}
      <ErrorSummary errors={errors} formError={formError} />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id={IDS.email}
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          hint={t('register.emailHint')}
          error={errorOf(IDS.email)}
        />
        <PasswordField
          id={IDS.password}
          label={t('fields.password')}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint={t('password.hint')}
          error={errorOf(IDS.password)}
          describedById={`${IDS.password}-strength`}
          after={
            <PasswordStrength
              id={`${IDS.password}-strength`}
              password={password}
              userInputs={[email, 'vratka']}
            />
          }
        />
        <RadioGroup
          id={IDS.market}
          name="market"
          legend={t('consent.marketLegend')}
          hint={t('consent.marketHint')}
          choices={marketChoices}
          value={market}
          onChange={setMarket}
          error={errorOf(IDS.market)}
        />
        <ConsentFields
          ids={{ adult: IDS.adult, terms: IDS.terms, marketing: 'register-marketing' }}
          adult={adult}
          onAdult={setAdult}
          terms={terms}
          onTerms={setTerms}
          marketing={marketing}
          onMarketing={setMarketing}
          errors={{ adult: errorOf(IDS.adult), terms: errorOf(IDS.terms) }}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
      <p className="form-aside">
        {t('register.haveAccount')} <Link to={withNext('/login', next)}>{t('register.logInInstead')}</Link>
      </p>
    </article>
  );
}
