import type { IncomingMessage, ServerResponse } from 'node:http';
import { VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from '@shared/contracts/clicks.js';
import { ID128_PATTERN, randomId128 } from '@shared/ids.js';
import type { Clock } from '../../platform/clock.js';
import { clientIpResolver, truncateIp } from '../../platform/http/client-info.js';
import type { Logger } from '../../platform/logger.js';
import type { SessionUserCache } from '../accounts/session-user-cache.js';
import type { ShopsService } from '../shops/shops.service.js';
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

/** Parses only the two cookies the redirect needs; the full cookie-parser is not on this path. */
function readCookies(header: string | undefined, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (!header) return found;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    if (!names.includes(name) || found.has(name)) continue;
    try {
      found.set(name, decodeURIComponent(part.slice(separator + 1).trim()));
    } catch {
      // a malformed cookie is as good as none
    }
  }
  return found;
}

function substitute(template: string, clickId: string, to: string | undefined): string {
  return template
    .replace('{click_id}', clickId)
    .replace('{to}', to === undefined ? '' : encodeURIComponent(to));
}

/**
 * `GET /go/:shop` — the hot path, in front of Express. It answers itself when it can decide
 * alone (a logged-in shopper's click, a refusal, a no-cashback redirect) and returns `false` to
 * let Express handle the rest (interstitial page for visitors and link previews, friendly 404).
 * A logged-in click is committed to the database before the 302 is sent.
 */
export function createClickHandler(deps: ClickHandlerDeps) {
  const cookieNames = [deps.sessionCookieName, VISITOR_COOKIE] as const;
  const clientIp = clientIpResolver(deps.trustProxy);
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
    if (isLinkPreview(userAgent)) return false;

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

    const cookies = readCookies(req.headers.cookie, cookieNames);
    const sessionCookie = cookies.get(deps.sessionCookieName);
    const userId =
      deps.sessionUsers.cachedUserId(sessionCookie) ?? (await deps.sessionUsers.userIdFor(sessionCookie));
    // Visitors decide on the interstitial; only "continue, I'll sign up later" comes back here.
    if (!userId && query.get('later') !== '1') return false;

    const existingVisitor = cookies.get(VISITOR_COOKIE);
    const visitorId =
      existingVisitor && ID128_PATTERN.test(existingVisitor) ? existingVisitor : randomId128();
    const clickId = randomId128();
    try {
      await deps.writer.write({
        id: clickId,
        userId,
        // A logged-in click needs no visitor link; keeping it would tie devices together.
        visitorId: userId ? null : visitorId,
        shopId: shop.id,
        networkId: shop.networkId,
        createdAt: deps.clock.now(),
        ipTruncated: truncateIp(clientIp(req)),
        userAgent: userAgent ? userAgent.slice(0, 400) : null,
      });
    } catch (error) {
      deps.logger.error({ err: error, shop: shop.slug }, 'click could not be recorded');
      sendClickPage(res, 503);
      return true;
    }
    // An empty 302 needs no content headers; the browser's default referrer policy applies.
    const headers: Record<string, string> = {
      Location: substitute(shop.trackingTemplate, clickId, to),
      'Cache-Control': 'no-store',
    };
    if (existingVisitor !== visitorId)
      headers['Set-Cookie'] = `${VISITOR_COOKIE}=${visitorId}${visitorCookieTail}`;
    res.writeHead(302, headers);
    res.end();
    return true;
  };
}
