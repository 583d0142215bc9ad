import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from '@shared/contracts/clicks.js';
import { ID128_PATTERN, randomId128 } from '@shared/ids.js';
import type { Clock } from '../../platform/clock.js';
import { clientIpResolver, truncateIp } from '../../platform/http/client-info.js';
import type { Logger } from '../../platform/logger.js';
import type { SessionUserCache } from '../accounts/index.js';
import type { ShopsService } from '../shops/index.js';
import { sendClickPage } from './click-pages.js';
import type { ClickWriter } from './click-writer.js';
import { acceptDeepLink } from './deep-link.js';
import { isLinkPreview } from './link-previews.js';

const NO_QUERY = new URLSearchParams();
const GO_PATH = /^\/go\/([a-z0-9-]{1,80})\/?$/;
/** Fetch metadata of requests that are not a person following a link: cookie stuffing vectors. */
const NOT_NAVIGATION_DESTINATIONS = new Set([
  'image',
  'iframe',
  'frame',
  'script',
  'empty',
  'style',
  'object',
  'embed',
  'worker',
  'font',
]);

export interface ClickHandlerDeps {
  shops: ShopsService;
  writer: ClickWriter;
  sessionUsers: SessionUserCache;
  sessionCookieName: string;
  secureCookies: boolean;
  trustProxy: boolean | number | string;
  clock: Clock;
  logger: Logger;
}

/**
 * One cookie's value (its first well-formed occurrence), URL-decoded, straight from the header:
 * the redirect needs two cookies, so the full cookie-parser is not on this path.
 */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(';', start);
    if (end < 0) end = header.length;
    const separator = header.indexOf('=', start);
    if (separator >= 0 && separator < end && header.slice(start, separator).trim() === name) {
      const raw = header.slice(separator + 1, end).trim();
      if (!raw.includes('%')) return raw;
      try {
        return decodeURIComponent(raw);
      } catch {
        // a malformed cookie is as good as none
      }
    }
    start = end + 1;
  }
  return undefined;
}

interface ConnectionFacts {
  /** `undefined` until worked out. */
  ipTruncated: string | null | undefined;
  /** The user agent `linkPreview` was worked out for (`null`: none yet). */
  userAgent: string | undefined | null;
  linkPreview: boolean;
}

type TrackingLink = (clickId: string, to: string | undefined) => string;

/**
 * A shop's tracking template cut once around its first `{click_id}` and first `{to}`, so a
 * redirect only joins strings.
 */
function compileTrackingTemplate(template: string): TrackingLink {
  const slots = (['{click_id}', '{to}'] as const)
    .map((token) => ({ token, at: template.indexOf(token) }))
    .filter((slot) => slot.at >= 0)
    .sort((a, b) => a.at - b.at);
  const literals: string[] = [];
  let from = 0;
  for (const slot of slots) {
    literals.push(template.slice(from, slot.at));
    from = slot.at + slot.token.length;
  }
  const last = template.slice(from);
  return (clickId, to) => {
    let link = '';
    for (let index = 0; index < slots.length; index++) {
      link += literals[index]!;
      link += slots[index]!.token === '{click_id}' ? clickId : to === undefined ? '' : encodeURIComponent(to);
    }
    return link + last;
  };
}

/**
 * `GET /go/:shop` — the hot path, in front of Express. It answers itself when it can decide
 * alone (a logged-in shopper's click, a refusal, a no-cashback redirect) and returns `false` to
 * let Express handle the rest (interstitial page for visitors and link previews, friendly 404).
 * A logged-in click is committed to the database before the 302 is sent.
 */
export function createClickHandler(deps: ClickHandlerDeps) {
  const clientIp = clientIpResolver(deps.trustProxy);
  // What a keep-alive connection sends again and again is worked out once per connection: the
  // truncated address (when no proxy is trusted, it is the socket's own) and whether the user agent
  // is a link preview (re-checked whenever the header differs from the last one seen).
  const connections = new WeakMap<Socket, ConnectionFacts>();
  const factsOf = (socket: Socket): ConnectionFacts => {
    let facts = connections.get(socket);
    if (!facts) {
      facts = { ipTruncated: undefined, userAgent: null, linkPreview: true };
      connections.set(socket, facts);
    }
    return facts;
  };
  const truncatedIp =
    deps.trustProxy === false
      ? (req: IncomingMessage) => {
          const facts = factsOf(req.socket);
          if (facts.ipTruncated === undefined) facts.ipTruncated = truncateIp(clientIp(req));
          return facts.ipTruncated;
        }
      : (req: IncomingMessage) => truncateIp(clientIp(req));
  const linkPreview = (req: IncomingMessage, userAgent: string | undefined): boolean => {
    const facts = factsOf(req.socket);
    if (facts.userAgent !== userAgent) {
      facts.userAgent = userAgent;
      facts.linkPreview = isLinkPreview(userAgent);
    }
    return facts.linkPreview;
  };
  const trackingLinks = new Map<string, TrackingLink>();
  const trackingLink = (template: string): TrackingLink => {
    let link = trackingLinks.get(template);
    if (!link) {
      // Templates change only through the shop admin; a bound keeps stale ones from piling up.
      if (trackingLinks.size >= 10_000) trackingLinks.clear();
      link = compileTrackingTemplate(template);
      trackingLinks.set(template, link);
    }
    return link;
  };
  const visitorCookieTail =
    `; Max-Age=${VISITOR_COOKIE_DAYS * 86400}; Path=/; HttpOnly; SameSite=Lax` +
    (deps.secureCookies ? '; Secure' : '');

  return async function handleClick(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' || !req.url) return false;
    const queryStart = req.url.indexOf('?');
    const path = queryStart < 0 ? req.url : req.url.slice(0, queryStart);
    const slug = GO_PATH.exec(path)?.[1];
    if (!slug) return false;

    const destination = req.headers['sec-fetch-dest'];
    const mode = req.headers['sec-fetch-mode'];
    if (
      (typeof destination === 'string' && NOT_NAVIGATION_DESTINATIONS.has(destination)) ||
      (typeof mode === 'string' && mode !== 'navigate')
    ) {
      sendClickPage(res, 403);
      return true;
    }

    const entry = deps.shops.findActiveCached(slug) ?? (await deps.shops.findActive(slug));
    if (!entry) return false;
    const { shop } = entry;

    const query = queryStart < 0 ? NO_QUERY : new URLSearchParams(req.url.slice(queryStart + 1));
    const rawTo = query.get('to');
    const to = rawTo === null ? undefined : acceptDeepLink(rawTo, shop.deepLinkHosts);
    if (rawTo !== null && to === undefined) {
      sendClickPage(res, 400);
      return true;
    }
    const userAgent = req.headers['user-agent'];
    if (linkPreview(req, userAgent)) return false;

    if (query.get('cashback') === 'no') {
      // The shopper chose to go without cashback: straight to the shop, nothing recorded.
      const home = shop.deepLinkHosts[0];
      // A shop with no known host has no plain address to send to: show the interstitial again.
      if (to === undefined && home === undefined) return false;
      const landing = to ?? `https://${home}/`;
      res.writeHead(302, {
        Location: landing,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end();
      return true;
    }

    const cookieHeader = req.headers.cookie;
    const sessionCookie = readCookie(cookieHeader, deps.sessionCookieName);
    const userId =
      deps.sessionUsers.cachedUserId(sessionCookie) ?? (await deps.sessionUsers.userIdFor(sessionCookie));
    // Visitors decide on the interstitial; only "continue, I'll sign up later" comes back here.
    if (!userId && query.get('later') !== '1') return false;

    const existingVisitor = readCookie(cookieHeader, VISITOR_COOKIE);
    const visitorId =
      existingVisitor && ID128_PATTERN.test(existingVisitor) ? existingVisitor : randomId128();
    const clickId = randomId128();
    // The answer is ready before the commit: once it lands, only the write is left.
    // An empty 302 needs no content headers; the browser's default referrer policy applies.
    const location = trackingLink(shop.trackingTemplate)(clickId, to);
    const headers =
      existingVisitor === visitorId
        ? ['Location', location, 'Cache-Control', 'no-store']
        : [
            'Location',
            location,
            'Cache-Control',
            'no-store',
            'Set-Cookie',
            `${VISITOR_COOKIE}=${visitorId}${visitorCookieTail}`,
          ];
    try {
      await deps.writer.write({
        id: clickId,
        userId,
        // A logged-in click needs no visitor link; keeping it would tie devices together.
        visitorId: userId ? null : visitorId,
        shopId: shop.id,
        networkId: shop.networkId,
        createdAt: deps.clock.now(),
        ipTruncated: truncatedIp(req),
        userAgent: userAgent ? userAgent.slice(0, 400) : null,
      });
    } catch (error) {
      deps.logger.error({ err: error, shop: shop.slug }, 'click could not be recorded');
      sendClickPage(res, 503);
      return true;
    }
    res.writeHead(302, headers);
    res.end();
    return true;
  };
}
