/** Markets, languages and currencies: the closed sets every layer agrees on. */
export const MARKET_CODES = ['cz', 'sk'] as const;
export type MarketCode = (typeof MARKET_CODES)[number];

export const LANGUAGES = ['cs', 'sk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CURRENCIES = ['CZK', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The currency each market pays in (the `markets` reference rows agree). */
export const MARKET_CURRENCY: Record<MarketCode, Currency> = { cz: 'CZK', sk: 'EUR' };

/** BCP 47 locale used for number and date formatting per UI language. */
export const LOCALE_OF: Record<Language, string> = { cs: 'cs-CZ', sk: 'sk-SK', en: 'en-GB' };
