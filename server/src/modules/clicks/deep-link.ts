/**
 * The `?to=` deep link of a click: accepted only when it is an http(s) URL on one of the shop's
 * allowed hosts, compared exactly after the URL parser has normalised it (case, IDN to punycode,
 * trailing dots). No credentials, no other port. The redirect host always comes from our
 * template; `to` only ever travels URL-encoded inside it.
 */
export function acceptDeepLink(to: string, allowedHosts: readonly string[]): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (to.length > 2000 || /[\u0000-\u001f\u007f\\]/.test(to)) return undefined;
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.port) return undefined;
  if (!allowedHosts.includes(url.hostname)) return undefined;
  return url.href;
}
