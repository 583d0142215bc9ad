import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@shared/markets.js';
import { chooseLanguage, currentLanguage, isLanguage } from '../i18n.js';

/** Each language is named in itself, so a shopper can find theirs whatever is showing now. */
export const LANGUAGE_NAMES: Record<Language, string> = { cs: 'Čeština', sk: 'Slovenčina', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = currentLanguage(i18n.resolvedLanguage);

  function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const chosen = event.target.value;
    if (isLanguage(chosen)) void chooseLanguage(chosen);
  }

  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('layout.languageLabel')}</label>
      <select id={id} value={language} onChange={onChange}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
