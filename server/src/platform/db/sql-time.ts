/** UTC `YYYY-MM-DD HH:MM:SS.mmm`, the DATETIME text both dialects store and compare. */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
