import iconv from 'iconv-lite';

/** The character sets finance files come in: UTF-8, or windows-1250 (Czech and Slovak Excel, banks). */
export type FileEncoding = 'utf-8' | 'windows-1250';

/**
 * The bytes of a file sent base64-encoded (a browser reads any file so, and windows-1250 bytes are
 * not JSON text); undefined when `content` is not base64.
 */
export function base64Bytes(content: string): Buffer | undefined {
  return /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content) ? Buffer.from(content, 'base64') : undefined;
}

/**
 * A file's text in its character set, with a UTF-8 byte order mark dropped; undefined when bytes
 * said to be UTF-8 are not (they would decode to U+FFFD, and amounts or names would be lost).
 */
export function fileText(bytes: Buffer, encoding: FileEncoding): string | undefined {
  const text = encoding === 'windows-1250' ? iconv.decode(bytes, 'win1250') : bytes.toString('utf8');
  if (encoding === 'utf-8' && text.includes('\uFFFD')) return undefined;
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
