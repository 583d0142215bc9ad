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
  throw invalidCursor();
}

/** Row ids are BIGINT AUTO_INCREMENT: a cursor naming anything else was not handed out by us. */
const ROW_ID = /^[1-9]\d{0,18}$/;

/** A keyset position on (created_at, id), the order of every "newest first" list. */
export interface TimeKey {
  createdAt: Date;
  id: string;
}

export function encodeTimeCursor(key: TimeKey): string {
  return encodeCursor({ createdAt: key.createdAt.toISOString(), id: key.id });
}

/** The cursor after a page read as `limit + 1` rows: its last row's, when there are more. */
export function nextTimeCursor(rows: readonly TimeKey[], limit: number): string | null {
  return rows.length > limit ? encodeTimeCursor(rows[limit - 1]!) : null;
}

/** The (created_at, id) a cursor names; a tampered or foreign cursor is a 400. */
export function decodeTimeCursor(cursor: string): TimeKey {
  const key = decodeCursor(cursor, ['createdAt', 'id']);
  const createdAt = new Date(key.createdAt);
  if (Number.isNaN(createdAt.getTime()) || !ROW_ID.test(key.id)) throw invalidCursor();
  return { createdAt, id: key.id };
}

/** The row id a cursor of an id-ordered list names; a tampered or foreign cursor is a 400. */
export function decodeIdCursor(cursor: string): string {
  const { id } = decodeCursor(cursor, ['id']);
  if (!ROW_ID.test(id)) throw invalidCursor();
  return id;
}

function invalidCursor(): AppError {
  return new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
}
