/**
 * A "return to" target after login must stay on our site: a plain absolute path, nothing that a
 * browser could read as another origin (`//evil`, `/\evil`, `https:evil`, encoded or with control
 * characters). Anything else becomes the fallback.
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Backslashes, control characters and percent-encoded slashes or backslashes can all turn a path
  // into a protocol-relative URL in some browser or proxy.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\\\u0000-\u001f\u007f]/.test(value) || /%(2f|5c|00|0d|0a|09)/i.test(value)) return fallback;
  try {
    const resolved = new URL(value, 'https://vratka.invalid');
    const path = resolved.pathname + resolved.search + resolved.hash;
    // Dot segments can collapse into a protocol-relative path (`/..//evil.com` → `//evil.com`).
    if (resolved.origin !== 'https://vratka.invalid' || path.startsWith('//')) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
