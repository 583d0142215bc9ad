/**
 * Checks for a shop's tracking template and its deep-link hosts. Pure and dependency-free, so the
 * admin form shows the same messages the server answers with.
 *
 * The click handler substitutes `{click_id}` (and `{to}`, the URL-encoded deep link) into the
 * template and redirects the shopper there, so a template must be a plain absolute URL whose only
 * moving parts are those query values: the network reads the click id back from its sub-ID
 * parameter, and nothing else in the URL may depend on the request.
 */

export const CLICK_ID_PLACEHOLDER = '{click_id}';
export const DEEP_LINK_PLACEHOLDER = '{to}';
/** The `tracking_template` column's size. */
export const MAX_TRACKING_TEMPLATE_LENGTH = 2000;
export const MAX_DEEP_LINK_HOSTS = 20;

export interface TrackingTemplateOptions {
  /** Development only: `http://localhost` and `http://127.0.0.1` templates (the demo shops). */
  allowHttpLocalhost: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);
const EXAMPLE = 'https://network.example/c?aid=1&subid={click_id}&url={to}';

/** Why the template is refused, or null when it is acceptable. */
export function validateTrackingTemplate(template: string, options: TrackingTemplateOptions): string | null {
  if (template.length === 0) return `Enter the network's tracking URL, e.g. ${EXAMPLE}.`;
  if (template.length > MAX_TRACKING_TEMPLATE_LENGTH) {
    return `The tracking URL is longer than ${MAX_TRACKING_TEMPLATE_LENGTH} characters.`;
  }
  // The result ends up in a Location header: printable ASCII only, and no backslashes, which URL
  // parsers read as slashes.
  if (/[^\x21-\x7e]/.test(template) || template.includes('\\')) {
    return 'The tracking URL must not contain spaces, line breaks, backslashes or non-ASCII characters; percent-encode them and write host names in punycode (xn--…).';
  }
  if (!template.startsWith('https://') && !template.startsWith('http://')) {
    return 'The tracking URL must be an absolute URL starting with https://.';
  }
  const clickIds = occurrences(template, CLICK_ID_PLACEHOLDER);
  if (clickIds === 0) {
    return `The tracking URL must contain ${CLICK_ID_PLACEHOLDER} as the value of the network's sub-ID parameter, e.g. ${EXAMPLE}.`;
  }
  if (clickIds > 1) return `${CLICK_ID_PLACEHOLDER} must appear exactly once.`;
  if (occurrences(template, DEEP_LINK_PLACEHOLDER) > 1)
    return `${DEEP_LINK_PLACEHOLDER} may appear at most once.`;
  const rest = template.replace(CLICK_ID_PLACEHOLDER, '').replace(DEEP_LINK_PLACEHOLDER, '');
  if (/[{}]/.test(rest)) {
    return `Only ${CLICK_ID_PLACEHOLDER} and ${DEEP_LINK_PLACEHOLDER} are substituted; remove the other braces.`;
  }
  if (template.includes('#')) {
    return 'The tracking URL must not have a fragment (#…): browsers never send it to the network.';
  }
  for (const placeholder of [CLICK_ID_PLACEHOLDER, DEEP_LINK_PLACEHOLDER]) {
    if (template.includes(placeholder) && !isInQueryValue(template, placeholder)) {
      return placeholder === CLICK_ID_PLACEHOLDER
        ? `${CLICK_ID_PLACEHOLDER} must be the value of a query parameter (the network's sub-ID parameter, e.g. subid=${CLICK_ID_PLACEHOLDER}), not part of the host, the path or a parameter name.`
        : `${DEEP_LINK_PLACEHOLDER} must be the value of a query parameter (e.g. url=${DEEP_LINK_PLACEHOLDER}), not part of the host, the path or a parameter name.`;
    }
  }

  let url: URL;
  try {
    url = new URL(template.replace(CLICK_ID_PLACEHOLDER, 'x').replace(DEEP_LINK_PLACEHOLDER, 'y'));
  } catch {
    return 'The tracking URL is not a valid URL.';
  }
  if (url.username !== '' || url.password !== '') {
    return 'The tracking URL must not contain credentials (user:password@).';
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (local && !options.allowHttpLocalhost) {
    return 'The tracking URL must point at the network, not at localhost.';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return 'The tracking URL must use https:// (plain http is only accepted for localhost in development).';
  }
  if (!local) {
    const hostProblem = validateHostName(url.hostname);
    if (hostProblem !== null) return `The tracking URL's host is not valid: ${hostProblem}`;
  }
  return null;
}

/** Why a deep-link host is refused, or null when it is an exact, lower-case host name. */
export function validateDeepLinkHost(host: string): string | null {
  if (host.length === 0) return 'Enter a host name, e.g. www.shop.cz.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return 'Enter only the host name, without https://.';
  if (host.includes('*')) {
    return 'Wildcards are not allowed: list every host exactly (www.shop.cz and shop.cz are two hosts).';
  }
  if (/[/?#]/.test(host)) return 'Enter only the host name, without a path.';
  if (host.includes('@')) return 'Enter only the host name, without credentials.';
  if (host.includes(':')) return 'Enter only the host name, without a port.';
  return validateHostName(host);
}

export interface HostListProblem {
  /** Position in the list, or null for a problem with the list itself. */
  index: number | null;
  message: string;
}

/** Every problem with a shop's list of deep-link hosts; empty when the list is acceptable. */
export function validateDeepLinkHosts(hosts: readonly string[]): HostListProblem[] {
  const problems: HostListProblem[] = [];
  if (hosts.length > MAX_DEEP_LINK_HOSTS) {
    problems.push({ index: null, message: `At most ${MAX_DEEP_LINK_HOSTS} hosts.` });
  }
  const seen = new Set<string>();
  hosts.forEach((host, index) => {
    const message = validateDeepLinkHost(host);
    if (message !== null) problems.push({ index, message });
    else if (seen.has(host)) problems.push({ index, message: `${host} is listed twice.` });
    seen.add(host);
  });
  return problems;
}

/** A DNS name as the URL parser would write it: lower-case ASCII labels, punycode for IDN, no IP. */
function validateHostName(host: string): string | null {
  if (/[^\x21-\x7e]/.test(host)) {
    return 'Write international names in their punycode form (xn--…), without spaces.';
  }
  if (host !== host.toLowerCase()) return 'Write the host name in lower case.';
  if (host.endsWith('.')) return 'Write the host name without the trailing dot.';
  if (host.length > 253) return 'The host name is longer than 253 characters.';
  const labels = host.split('.');
  if (labels.length < 2) return 'Enter a full host name, e.g. www.shop.cz.';
  if (labels.some((label) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) {
    return `${host} is not a valid host name (letters, digits and inner hyphens, dot-separated).`;
  }
  if (/^\d+$/.test(labels.at(-1)!)) return 'IP addresses are not allowed; enter the host name.';
  // The URL parser checks punycode labels (xn--…) and must give the name back unchanged.
  try {
    if (new URL(`https://${host}/`).hostname !== host) return `${host} is not a valid host name.`;
  } catch {
    return `${host} is not a valid host name (check the punycode).`;
  }
  return null;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** True when `placeholder` sits in the value (after `=`) of a named parameter in the query. */
function isInQueryValue(template: string, placeholder: string): boolean {
  const queryStart = template.indexOf('?');
  if (queryStart === -1 || template.indexOf(placeholder) < queryStart) return false;
  return template
    .slice(queryStart + 1)
    .split('&')
    .some((pair) => {
      const equals = pair.indexOf('=');
      return equals > 0 && pair.indexOf(placeholder) > equals;
    });
}
