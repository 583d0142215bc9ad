/**
 * A column header as a lookup key: no accents, lower case, letters and digits only, so
 * "Číslo objednávky" → "cisloobjednavky", "End-to-end ID" → "endtoendid", "sub_id" → "subid".
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
