import fs from 'node:fs';
import path from 'node:path';
import type { Bank, BankDirectory } from './bank-account-number.js';

interface BankListEntry {
  country_code: string;
  bic: string | null;
  bank_code: string;
  name: string;
}

let directory: BankDirectory | undefined;

function readList(country: 'cz' | 'sk'): Map<string, Bank> {
  const file = path.resolve(`server/data/banks/${country}.json`);
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as BankListEntry[];
  return new Map(
    entries.map((entry) => [
      entry.bank_code,
      { bankCode: entry.bank_code, bic: entry.bic || null, name: entry.name },
    ]),
  );
}

/**
 * The Czech and Slovak bank codes with their BIC, as shipped with the server
 * (`server/data/banks/{cz,sk}.json`, from the national banks' code lists). Read once.
 */
export function bankDirectory(): BankDirectory {
  directory ??= { CZ: readList('cz'), SK: readList('sk') };
  return directory;
}
