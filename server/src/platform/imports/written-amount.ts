import { MAX_STORABLE_MINOR, parseDecimalToMinor } from '@shared/money.js';

/**
 * An amount as network reports, bank statements and spreadsheets write it, in minor units, exactly:
 * `1234.50`, `1234,50`, `1 234,50` (space or no-break space between thousands), `1.234,50`,
 * `1,234.50`, a JSON number (`4.26`) and, only when `allowNegative`, a leading minus. When both
 * `.` and `,` appear the last one is the decimal mark; a lone `,` is a decimal comma.
 *
 * `roundExtraDigits`: CJ writes three decimals ("7.781"); those round half up to the minor unit,
 * as the network pays. Without it, more decimals than the currency has are refused.
 *
 * Undefined for anything else (`1e5`, `NaN`, `12..3`, empty).
 */
export function parseWrittenAmount(
  value: unknown,
  options: { allowNegative?: boolean; roundExtraDigits?: boolean } = {},
): bigint | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    if (/e/i.test(text)) return undefined;
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  let negative = false;
  if (text.startsWith('-')) {
    if (!options.allowNegative) return undefined;
    negative = true;
    text = text.slice(1).trim();
  }
  // Thousands grouped by spaces (regular, no-break, narrow no-break).
  if (/^\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(text)) text = text.replace(/[ \u00a0\u202f]/g, '');
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const [decimal, grouping] = lastDot > lastComma ? ['.', ','] : [',', '.'];
    const [whole, fraction] = [
      text.slice(0, text.lastIndexOf(decimal)),
      text.slice(text.lastIndexOf(decimal) + 1),
    ];
    if (!new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})+$`).test(whole)) return undefined;
    text = `${whole.split(grouping).join('')}.${fraction}`;
  } else if (lastComma >= 0) {
    if (text.indexOf(',') !== lastComma) return undefined;
    text = text.replace(',', '.');
  }
  let minor: bigint | undefined;
  const match = /^(\d{1,15})\.(\d{3,})$/.exec(text);
  if (match && options.roundExtraDigits) {
    const fraction = match[2]!;
    const scaled = BigInt(match[1]! + fraction);
    const divisor = 10n ** BigInt(fraction.length - 2);
    minor = (scaled + divisor / 2n) / divisor;
    if (minor > MAX_STORABLE_MINOR) return undefined;
  } else {
    minor = parseDecimalToMinor(text);
  }
  if (minor === undefined) return undefined;
  return negative ? -minor : minor;
}
