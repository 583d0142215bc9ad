/** UTC `YYYY-MM-DD HH:MM:SS.mmm`, the DATETIME text both dialects store and compare. */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A DATETIME as drivers return it (mysql2: a Date, UTC by our config; better-sqlite3: that text). */
export function dateFromSql(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(`${value.replace(' ', 'T')}Z`);
  throw new TypeError(`not a DATETIME: ${String(value)}`);
}
