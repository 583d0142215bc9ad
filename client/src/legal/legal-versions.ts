import { LEGAL_VERSIONS, type LegalDocument, type LegalVersion } from '@shared/legal.js';
import type { LegalVersionsNow } from '../api/client.js';
import { LEGAL_TEXTS } from './legal-texts.js';

/** Where each document is published. */
export const LEGAL_PATHS: Record<LegalDocument, string> = { terms: '/terms', privacy: '/privacy' };

/** The address of one version of a document. */
export function legalDocumentPath(document: LegalDocument, version?: string): string {
  return version === undefined
    ? LEGAL_PATHS[document]
    : `${LEGAL_PATHS[document]}?version=${encodeURIComponent(version)}`;
}

/**
 * Every version of a document this client has a text for, oldest first: the published ones and
 * whatever the server names as in effect or announced.
 */
export function versionsWithText(document: LegalDocument, now: LegalVersionsNow): LegalVersion[] {
  const known = new Map<string, LegalVersion>();
  for (const version of [...LEGAL_VERSIONS[document], now[document].current, now[document].next]) {
    if (version && LEGAL_TEXTS[document][version.version]) known.set(version.version, version);
  }
  return [...known.values()].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
}

/** The day a version takes effect, as people in Prague and Bratislava count days. */
export function formatEffectiveDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Prague' }).format(
    new Date(iso),
  );
}
