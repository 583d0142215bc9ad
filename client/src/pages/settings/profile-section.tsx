import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/contracts/accounts.js';
import { LANGUAGES, type Language, type MarketCode } from '@shared/markets.js';
import { updateProfile } from '../../api/client.js';
import { interpretError } from '../../components/api-errors.js';
import { useMarketChoices } from '../../components/consent-fields.js';
import {
  ErrorSummary,
  RadioGroup,
  SelectField,
  SuccessMessage,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { LANGUAGE_NAMES } from '../../components/language-switch.js';
import { useMe } from '../../auth/auth-context.js';
import { chooseLanguage } from '../../i18n.js';
import { SettingsSection } from './settings-section.js';

const IDS = { name: 'profile-name', language: 'profile-language', market: 'profile-market' } as const;
const NAME_MAX_LENGTH = 120;

export function ProfileSection({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const { setMe } = useMe();
  const [name, setName] = useState(me.displayName ?? '');
  const [language, setLanguage] = useState<Language>(me.language);
  const [market, setMarket] = useState<MarketCode>(me.market);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const marketChoices = useMarketChoices();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFormError(undefined);
    const found: FieldError[] = [];
    if (name.trim().length > NAME_MAX_LENGTH)
      found.push({ id: IDS.name, message: t('settings.profile.nameTooLong') });
    setErrors(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const updated = await updateProfile({
        displayName: name.trim() === '' ? null : name.trim(),
        language,
        market,
      });
      if (updated.language !== me.language) await chooseLanguage(updated.language);
      setMe(updated);
      setSaved(true);
      onChanged();
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: { displayName: { id: IDS.name, message: t('settings.profile.nameTooLong') } },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <SettingsSection id="profile" title={t('settings.profile.title')}>
      <ErrorSummary errors={errors} formError={formError} />
      {saved && (
        <SuccessMessage>
          <p>{t('settings.profile.saved')}</p>
        </SuccessMessage>
      )}
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id={IDS.name}
          label={t('settings.profile.name')}
          hint={t('settings.profile.nameHint')}
          autoComplete="name"
          value={name}
          onChange={setName}
          error={errors.find((error) => error.id === IDS.name)?.message}
        />
        <SelectField
          id={IDS.language}
          label={t('fields.language')}
          hint={t('fields.languageHint')}
          choices={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
          value={language}
          onChange={setLanguage}
        />
        <RadioGroup
          id={IDS.market}
          name="profile-market"
          legend={t('consent.marketLegend')}
          hint={t('consent.marketHint')}
          choices={marketChoices}
          value={market}
          onChange={setMarket}
        />
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('settings.profile.saving') : t('settings.profile.save')}
        </button>
      </form>
    </SettingsSection>
  );
}
