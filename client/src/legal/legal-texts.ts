import type { LegalDocument } from '@shared/legal.js';
import type { Language } from '@shared/markets.js';
import { privacy202601 } from './privacy-2026-01.js';
import { terms202601 } from './terms-2026-01.js';

/** A paragraph, or a bulleted list. */
export type LegalBlock = string | { list: string[] };

export interface LegalSection {
  /** Anchor of the section, stable across languages and versions where the section stays. */
  id: string;
  heading: string;
  blocks: LegalBlock[];
}

export interface LegalText {
  title: string;
  lead: string;
  sections: LegalSection[];
}

/**
 * Who provides the service and controls the personal data, in the words of one language: the
 * identification (name, registered office, company number) and how to reach them.
 */
export interface OperatorWords {
  identity: string;
  contact: string;
}

/** One version of a document: its text in every language, around the operator's details. */
export type LegalDocumentTexts = Record<Language, (operator: OperatorWords) => LegalText>;

/**
 * The text of every published version (`LEGAL_VERSIONS` in shared/src/legal.ts), by document and
 * version id. A published version is never edited: a change is a new version, announced a month
 * ahead. `test/unit/legal-texts.test.ts` checks that every published version has a text here.
 */
export const LEGAL_TEXTS: Record<LegalDocument, Record<string, LegalDocumentTexts>> = {
  terms: { '2026-01': terms202601 },
  privacy: { '2026-01': privacy202601 },
};
