import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { LANGUAGES, type Language, type MarketCode } from '@shared/markets.js';
import { completeOnboarding } from '../api/client.js';
import { interpretError } from '../components/api-errors.js';
import {
  ConsentFields,
  emptyMarketing,
  useMarketChoices,
  type MarketingState,
} from '../components/consent-fields.js';
import { ErrorSummary, RadioGroup, SelectField, type FieldError } from '../components/form.js';
import { LANGUAGE_NAMES } from '../components/language-switch.js';
import { RequireLogin } from '../components/require-login.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { useMe } from '../auth/auth-context.js';
import { chooseLanguage, currentLanguage } from '../i18n.js';

const IDS = {
  market: 'onboarding-market',
  language: 'onboarding-language',
  adult: 'onboarding-adult',
  terms: 'onboarding-terms',
} as const;

export function OnboardingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('onboarding.title'));
  return (
    <RequireLogin>
      {(me) => (me.onboardingRequired ? <OnboardingForm me={me} /> : <Navigate to="/" replace />)}
    </RequireLogin>
  );
}

/** For accounts created through Facebook or MojeID: what sign-up asks, minus e-mail and password. */
function OnboardingForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { setMe, legal } = useMe();
  const navigate = useNavigate();
  const [market, setMarket] = useState<MarketCode>(me.market);
  const [language, setLanguage] = useState<Language>(currentLanguage(i18n.resolvedLanguage));
  const [adult, setAdult] = useState(false);
  const [terms, setTerms] = useState(false);
  const [marketing, setMarketing] = useState<MarketingState>(emptyMarketing);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const marketChoices = useMarketChoices();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldError[] = [];
    if (!adult) found.push({ id: IDS.adult, message: t('consent.adultMissing') });
    if (!terms) found.push({ id: IDS.terms, message: t('consent.termsMissing') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      const updated = await completeOnboarding({
        adultConfirmed: true,
        // The versions in effect as the server sees the date, shown behind the links above.
        termsVersion: legal.terms.current.version,
        privacyVersion: legal.privacy.current.version,
        market,
        language,
        marketing,
      });
      await chooseLanguage(updated.language);
      setMe(updated);
      await navigate('/', { replace: true });
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          adultConfirmed: { id: IDS.adult, message: t('consent.adultMissing') },
          termsVersion: { id: IDS.terms, message: t('consent.termsOutdated') },
          privacyVersion: { id: IDS.terms, message: t('consent.termsOutdated') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <article className="narrow">
      <h1>{t('onboarding.title')}</h1>
      <p className="lead">{t('onboarding.intro', { email: me.email })}</p>
      <ErrorSummary errors={errors} formError={formError} />
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <RadioGroup
          id={IDS.market}
          name="market"
          legend={t('consent.marketLegend')}
          hint={t('consent.marketHint')}
          choices={marketChoices}
          value={market}
          onChange={setMarket}
        />
        <SelectField
          id={IDS.language}
          label={t('fields.language')}
          hint={t('fields.languageHint')}
          choices={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
          value={language}
          onChange={setLanguage}
        />
        <ConsentFields
          ids={{ adult: IDS.adult, terms: IDS.terms, marketing: 'onboarding-marketing' }}
          adult={adult}
          onAdult={setAdult}
          terms={terms}
          onTerms={setTerms}
          marketing={marketing}
          onMarketing={setMarketing}
          errors={{ adult: errorOf(IDS.adult), terms: errorOf(IDS.terms) }}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('onboarding.submitting') : t('onboarding.submit')}
        </button>
      </form>
    </article>
  );
}
