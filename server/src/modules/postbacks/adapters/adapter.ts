import { CURRENCIES, type Currency } from '@shared/markets.js';
import { parseDecimalToMinor } from '@shared/money.js';
import { AppError } from '../../../platform/http/errors.js';
import type { ConversionState } from '../../conversions/index.js';

/** A postback as it arrived, before any interpretation. */
export interface RawPostback {
  method: string;
  contentType: string;
  query: URLSearchParams;
  body: Buffer;
  headers: Record<string, string | undefined>;
}

/** What every adapter turns a network's message into. */
export interface PostbackEvent {
  clickId: string | null;
  orderId: string;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  /** Absent when the network does not say; then the shop's market currency applies. */
  currency: Currency | null;
  state: ConversionState;
  occurredAt: Date | null;
  reason: string | null;
  /** The network's category or commission group for the purchase, as sent (trimmed); null when none. */
  category: string | null;
}

export type Adapter = (raw: RawPostback, settings: Record<string, unknown>) => PostbackEvent;

export const malformed = (detail: string) => new AppError('POSTBACK_MALFORMED', 400, detail);

export function amount(value: unknown, field: string): bigint {
  const parsed = typeof value === 'string' ? parseDecimalToMinor(value) : undefined;
  if (parsed === undefined) throw malformed(`${field} must be a decimal amount such as "1234.50"`);
  return parsed;
}

export function text(value: unknown, field: string, maxLength = 128): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw malformed(`${field} is missing or too long`);
  }
  return value.trim();
}

export function optionalText(value: unknown, maxLength = 500): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, maxLength) : null;
}

/** Longest category we take; our rule categories are at most 64 characters too. */
export const MAX_CATEGORY_LENGTH = 64;

/**
 * A reported category: absent or empty is none; otherwise a short printable text (a number, as
 * some networks send ids, is taken as its digits). Anything else is malformed, not ignored: a
 * category we silently dropped would pay the general rate instead of the category's.
 */
export function category(value: unknown, field = 'category'): string | null {
  if (value === undefined || value === null) return null;
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof raw !== 'string') throw malformed(`${field} must be a text`);
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  if ([...trimmed].length > MAX_CATEGORY_LENGTH || /\p{C}/u.test(trimmed))
    throw malformed(`${field} must be at most ${MAX_CATEGORY_LENGTH} printable characters`);
  return trimmed;
}

export function currency(value: unknown): Currency | null {
  if (value === undefined || value === null || value === '') return null;
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!(CURRENCIES as readonly string[]).includes(upper))
    throw malformed(`currency ${typeof value === 'string' ? value : typeof value} is not supported`);
  return upper as Currency;
}

export function status(
  value: unknown,
  mapping: Record<string, ConversionState>,
  field = 'status',
): ConversionState {
  const key =
    typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
  const state = mapping[key];
  if (!state) throw malformed(`${field} "${String(value)}" is not one this network sends`);
  return state;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC), ISO 8601, or unix seconds. */
export function timestamp(value: unknown): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const trimmed = value.trim();
  const date = /^\d{9,11}$/.test(trimmed)
    ? new Date(Number(trimmed) * 1000)
    : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(trimmed)
      ? new Date(`${trimmed.replace(' ', 'T')}Z`)
      : new Date(trimmed);
  if (Number.isNaN(date.getTime())) throw malformed(`time "${trimmed}" is not a date`);
  return date;
}

/** Parameters from the query and a form or JSON body, the body winning. Keys compared case-insensitively. */
export function parameters(raw: RawPostback): Map<string, unknown> {
  const merged = new Map<string, unknown>();
  for (const [key, value] of raw.query) merged.set(key.toLowerCase(), value);
  if (raw.body.length === 0) return merged;
  const bodyText = raw.body.toString('utf8');
  if (raw.contentType.includes('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      throw malformed('the body is not valid JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw malformed('the body must be a JSON object');
    for (const [key, value] of Object.entries(json)) merged.set(key.toLowerCase(), value);
  } else {
    for (const [key, value] of new URLSearchParams(bodyText)) merged.set(key.toLowerCase(), value);
  }
  return merged;
}
