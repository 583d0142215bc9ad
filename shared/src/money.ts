import type { Currency } from './markets.js';

/**
 * Largest amount, in minor units, any column may hold: 2^53 − 1 (about 90 trillion CZK), the
 * range every driver returns exactly. Inputs beyond it are rejected at the edge.
 */
export const MAX_STORABLE_MINOR = 9_007_199_254_740_991n;

/** Minor units per major unit; both our currencies have two decimals. */
export const MINOR_UNITS: Record<Currency, number> = { CZK: 2, EUR: 2 };

/**
 * Formats minor units in the reader's locale (`1 234,50 Kč`, `12,30 €`). Only for display: the
 * amount is split into integer parts first so no float ever represents money.
 */
export function formatMoney(amountMinor: string | bigint, currency: Currency, locale: string): string {
  const minor = BigInt(amountMinor);
  const digits = MINOR_UNITS[currency];
  const negative = minor < 0n;
  const absolute = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = absolute / scale;
  const fraction = (absolute % scale).toString().padStart(digits, '0');
  // Intl formats the decimal string exactly (no float) when given a string in ES2023 engines.
  const decimal = `${negative ? '-' : ''}${whole}.${fraction}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal as unknown as number);
}

/** Basis points (1/100 of a percent) to a display percentage, e.g. 350 → "3,5 %". */
export function formatBasisPoints(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10000,
  );
}

/**
 * Parses a decimal amount as networks send it ("1234.50", "33.7", "0") into minor units,
 * exactly: ASCII digits, at most one '.', no sign, no exponent, no more decimals than the
 * currency has. Anything else (`1e309`, `-1`, `NaN`, `12.345`, `١٢`, `1,5`) is undefined.
 */
export function parseDecimalToMinor(text: string, fractionDigits = 2): bigint | undefined {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > fractionDigits) return undefined;
  const minor =
    BigInt(match[1]!) * 10n ** BigInt(fractionDigits) + BigInt(fraction.padEnd(fractionDigits, '0') || '0');
  return minor > MAX_STORABLE_MINOR ? undefined : minor;
}

/** Minor units as the decimal string networks and exports use ("1234.50"). */
export function minorToDecimal(amountMinor: bigint, fractionDigits = 2): string {
  const negative = amountMinor < 0n;
  const absolute = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(fractionDigits);
  return `${negative ? '-' : ''}${absolute / scale}.${(absolute % scale).toString().padStart(fractionDigits, '0')}`;
}

/** The API's money value: minor units as a string (no precision lost in JSON) and the currency. */
export function toMoney(
  amountMinor: bigint,
  currency: Currency,
): { amountMinor: string; currency: Currency } {
  return { amountMinor: amountMinor.toString(), currency };
}
