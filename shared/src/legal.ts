/** The documents a shopper accepts at sign-up, and again whenever a new version takes effect. */
export const LEGAL_DOCUMENTS = ['terms', 'privacy'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

export interface LegalVersion {
  /** Stable id that users accept and the client's texts are filed under, e.g. `2026-01`. */
  version: string;
  /** When this version takes effect (ISO 8601, UTC). */
  effectiveFrom: string;
}

/** Every published version of each document, oldest first. */
export type LegalVersions = Readonly<Record<LegalDocument, readonly LegalVersion[]>>;

/** The version in effect and the next one, when it is announced but not in effect yet. */
export interface LegalDocumentState {
  current: LegalVersion;
  next: LegalVersion | null;
}
export type LegalState = Record<LegalDocument, LegalDocumentState>;

/** A changed version is announced at least this long before it takes effect (terms, section 9). */
export const LEGAL_NOTICE_PERIOD_DAYS = 30;

/**
 * The published versions. To change a document: add its text for every language in
 * `client/src/legal/`, then add the version here with an `effectiveFrom` at least a month ahead.
 * Until then logged-in shoppers see a notice; from then on they accept the new version after
 * logging in, before they use the account.
 */
export const LEGAL_VERSIONS: LegalVersions = {
  // Midnight in Prague on 1 January 2026.
  terms: [{ version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' }],
  privacy: [{ version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' }],
};

/** Which version of each document is in effect at `now`, and which one is announced next. */
export function legalState(versions: LegalVersions, now: Date): LegalState {
  const stateOf = (document: LegalDocument): LegalDocumentState => {
    const list = versions[document];
    const first = list[0];
    if (!first) throw new Error(`no published version of the ${document}`);
    let current = first;
    let next: LegalVersion | null = null;
    for (const version of list) {
      if (Date.parse(version.effectiveFrom) <= now.getTime()) current = version;
      else {
        next = version;
        break;
      }
    }
    return { current, next };
  };
  return { terms: stateOf('terms'), privacy: stateOf('privacy') };
}

/** A version of a document by its id, or undefined when there is no such version. */
export function findLegalVersion(
  versions: LegalVersions,
  document: LegalDocument,
  version: string,
): LegalVersion | undefined {
  return versions[document].find((candidate) => candidate.version === version);
}

/**
 * The versions in effect when this module was loaded, for scripts and tests that register
 * accounts. The server decides with its own clock (`legalState`) and tells the client in
 * `GET /api/v1/auth/session`.
 */
export const CURRENT_TERMS_VERSION = legalState(LEGAL_VERSIONS, new Date()).terms.current.version;
export const CURRENT_PRIVACY_VERSION = legalState(LEGAL_VERSIONS, new Date()).privacy.current.version;

/** Marketing e-mail categories a shopper can opt into, each separately. */
export const MARKETING_CATEGORIES = ['newsletter', 'offers', 'tips'] as const;
export type MarketingCategory = (typeof MARKETING_CATEGORIES)[number];

/**
 * Version of the wording a shopper saw when giving or withdrawing marketing consent (the category
 * labels and the hint under them, in every language). Stored with every consent event, so the log
 * shows what was agreed to; change it together with that wording.
 */
export const MARKETING_CONSENT_TEXT_VERSION = '2026-01';
