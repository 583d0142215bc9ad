import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, LOCALE_OF, type Language } from '@shared/markets.js';
import cs from './locales/cs.json';
import en from './locales/en.json';
import sk from './locales/sk.json';

/** Where the shopper's explicit choice of language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'vratka.language';

// Czech is the reference: a key missing from another language fails the type check.
export const resources = {
  cs: { translation: cs },
  sk: { translation: sk satisfies typeof cs },
  en: { translation: en satisfies typeof cs },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The stored choice, else the first browser language we speak, else Czech. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'cs';
}

/** Switches the UI language and remembers it for the next visit. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be disabled (private mode, strict settings); the choice then lasts for this visit.
  }
  await i18next.changeLanguage(language);
}

/** The language the UI is showing now, narrowed to the ones we support. */
export function currentLanguage(resolved: string | undefined): Language {
  return isLanguage(resolved) ? resolved : 'cs';
}

export function localeOf(language: Language): string {
  return LOCALE_OF[language];
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = currentLanguage(language);
});

void i18next.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: 'cs',
  supportedLngs: [...LANGUAGES],
  // React escapes everything it renders.
  interpolation: { escapeValue: false },
});

export default i18next;
