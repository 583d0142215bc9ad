/**
 * Text as banks take it. SEPA's character set (EPC guidance, also what Czech banks' domestic imports
 * read reliably) is the Latin letters, digits and `/ - ? : ( ) . , ' +` and space. Everything we
 * write into a bank file is first transliterated into it — `Nováková` → `Novakova`, `Straße` →
 * `Strasse` — and whatever is left outside it becomes a space, so no file ever carries a character
 * a bank may refuse, and nothing needs escaping beyond what the XML builder does anyway.
 */

const OUTSIDE_SEPA_SET = /[^A-Za-z0-9/\-?:().,'+ ]/g;

/** Letters that Unicode does not decompose into a base letter and a mark. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  '&': '+',
  _: '-',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '„': "'",
  '“': "'",
  '”': "'",
  '"': "'",
};

/** Into the SEPA character set: marks dropped, known letters spelled out, the rest spaces, trimmed. */
export function toBankText(text: string): string {
  return Array.from(text.normalize('NFD').replace(/\p{M}+/gu, ''))
    .map((character) => SPECIAL[character] ?? character)
    .join('')
    .replace(OUTSIDE_SEPA_SET, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `length` characters (the schema's or the bank's limit), cut at the end, no trailing space. */
export function fitted(text: string, length: number): string {
  return text.length <= length ? text : text.slice(0, length).trimEnd();
}

/** A name for a bank field: transliterated, trimmed to `length`, never empty. */
export function bankName(name: string, length: number): string {
  // A leading '+' or '-' would start a formula in a spreadsheet opening the CSV.
  const text = toBankText(name).replace(/^[+\-\s]+/, '');
  return fitted(text === '' ? 'UNKNOWN' : text, length);
}
