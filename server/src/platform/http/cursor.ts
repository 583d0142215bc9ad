import { AppError } from './errors.js';

/**
 * Keyset pagination cursors: the sort key of the last item, as base64url JSON. Opaque to clients;
 * a tampered cursor is a 400, never a query with odd values.
 */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, fields: readonly K[]): Record<K, string> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (fields.every((field) => typeof record[field] === 'string')) return record as Record<K, string>;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
}
