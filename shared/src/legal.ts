/** Versions of the documents a shopper accepts; a new version asks everyone to accept again. */
export const CURRENT_TERMS_VERSION = '2026-01';
export const CURRENT_PRIVACY_VERSION = '2026-01';

/** Marketing e-mail categories a shopper can opt into, each separately. */
export const MARKETING_CATEGORIES = ['newsletter', 'offers', 'tips'] as const;
export type MarketingCategory = (typeof MARKETING_CATEGORIES)[number];
