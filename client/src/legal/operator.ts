import type { Language } from '@shared/markets.js';
import type { OperatorWords } from './legal-texts.js';

/** Who runs this deployment of Vratka: the provider in the terms and the controller in the privacy notice. */
export interface OperatorDetails {
  name: string;
  /** Registered office. */
  address: string | undefined;
  /** Company number (IČO). */
  companyId: string | undefined;
  /** Where shoppers write, also with requests about their personal data. */
  email: string | undefined;
}

type Environment = Record<string, string | boolean | undefined>;

/**
 * The operator's details come from the build's environment (`VITE_OPERATOR_NAME`,
 * `VITE_OPERATOR_ADDRESS`, `VITE_OPERATOR_ID`, `VITE_OPERATOR_EMAIL`), because they belong to
 * whoever deploys Vratka, not to the code. Without a name the documents say that the operator has
 * not filled them in, which is fine for development and never for a public service.
 */
export function operatorFrom(environment: Environment): OperatorDetails | undefined {
  const text = (name: string) => {
    const value = environment[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const name = text('VITE_OPERATOR_NAME');
  if (name === undefined) return undefined;
  return {
    name,
    address: text('VITE_OPERATOR_ADDRESS'),
    companyId: text('VITE_OPERATOR_ID'),
    email: text('VITE_OPERATOR_EMAIL'),
  };
}

// Vite replaces `import.meta.env` in the browser build; under Node (unit tests) it is absent.
export const OPERATOR = operatorFrom((import.meta as { env?: Environment }).env ?? {});

const WORDING: Record<
  Language,
  {
    companyId: string;
    address: string;
    contact: (email: string) => string;
    missing: OperatorWords;
  }
> = {
  cs: {
    companyId: 'IČO',
    address: 'se sídlem',
    contact: (email) => `Napsat nám můžete na ${email}.`,
    missing: {
      identity: 'ten, kdo tuto instalaci Vratky spustil a své identifikační údaje zde zatím neuvedl',
      contact: 'Dokud je neuvede, nesmí tuto instalaci veřejně nabízet.',
    },
  },
  sk: {
    companyId: 'IČO',
    address: 'so sídlom',
    contact: (email) => `Napísať nám môžete na ${email}.`,
    missing: {
      identity: 'ten, kto túto inštaláciu Vratky spustil a svoje identifikačné údaje tu zatiaľ neuviedol',
      contact: 'Kým ich neuvedie, nesmie túto inštaláciu verejne ponúkať.',
    },
  },
  en: {
    companyId: 'company ID',
    address: 'registered office',
    contact: (email) => `You can write to us at ${email}.`,
    missing: {
      identity: 'whoever set up this Vratka installation and has not filled in their details here yet',
      contact: 'Until they do, this installation must not be offered to the public.',
    },
  },
};

/** The operator as the documents name them in `language`. */
export function operatorWords(
  language: Language,
  operator: OperatorDetails | undefined = OPERATOR,
): OperatorWords {
  const words = WORDING[language];
  if (!operator) return words.missing;
  const identity = [
    operator.name,
    operator.companyId && `${words.companyId} ${operator.companyId}`,
    operator.address && `${words.address} ${operator.address}`,
  ]
    .filter(Boolean)
    .join(', ');
  return { identity, contact: operator.email ? words.contact(operator.email) : '' };
}
