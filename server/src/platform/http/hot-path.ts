import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import { isDatabaseUnavailable } from '../db/errors.js';
import type { Caller, HotRoute } from './api-router.js';
import { unavailableProblem } from './errors.js';
import { passesGuards } from './guards.js';

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const noop = () => undefined;

/**
 * The shopper's hottest reads (`ApiRouter.cachedRead`: balance, purchases), answered straight from
 * the server's request listener, in front of Express — as the click redirect is (DESIGN §10). On
 * this 2-core machine Express's part of such a read (giving node's request and response Express's
 * prototypes, the middleware stack, the router, `res.json`) cost about twice the read itself.
 *
 * It answers only the plain case, exactly as the Express route would: a GET with a session the
 * full check accepted within the last 30 s (`authenticate`) that the route's guards let through, a
 * query its schema accepts, and a handler that succeeds. The response carries the same headers: the request id and access log of
 * `logRequest`, the security headers `securityHeaders` sets (captured once), and Express's JSON
 * content type and weak ETag. Everything else — HEAD, a conditional request, a Bearer token, no
 * cached session, an invalid query, a handler error — goes to `fallback` (the Express application)
 * untouched or before anything was written, and is answered there from scratch (for a read,
 * running it twice after an error is harmless; the error is answered and logged there as usual).
 * The exception is a database that cannot be reached: that is answered here at once with the same
 * 503 problem (and `Retry-After`) as the Express error handler's, rather than waiting for the
 * database a second time.
 *
 * Returns false, having touched nothing, for a request it does not serve at all.
 */
export function hotReads(options: {
  routes: ReadonlyMap<string, HotRoute>;
  authenticate: (req: IncomingMessage) => Caller | undefined;
  logRequest: NodeMiddleware;
  securityHeaders: NodeMiddleware;
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { routes, authenticate, logRequest, fallback } = options;
  const securityHeaders = headersSetBy(options.securityHeaders);

  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const route = routes.get(queryAt === -1 ? url : url.slice(0, queryAt));
    if (!route) return false;
    if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) {
      return false;
    }
    const auth = authenticate(req);
    // The route's own guards, exactly as the router runs them; a refusal is answered there.
    if (!auth || !passesGuards(route.guards, auth)) return false;
    // Express's 'simple' query parser is node's querystring.
    const parsed = route.query?.safeParse(querystring.parse(queryAt === -1 ? '' : url.slice(queryAt + 1)));
    if (parsed && !parsed.success) return false;

    logRequest(req, res, noop);
    Promise.resolve()
      .then(() => route.handler({ query: parsed?.data ?? {}, auth }))
      .then((result) => {
        if (result === undefined) throw new Error('a cached read answers with a body');
        const body = JSON.stringify(result);
        res.writeHead(200, {
          ...securityHeaders,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          ETag: weakEtag(body),
        });
        res.end(body);
      })
      .catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy(error instanceof Error ? error : undefined);
        } else if (isDatabaseUnavailable(error)) {
          const problem = unavailableProblem(res.getHeader('X-Request-Id'));
          const body = JSON.stringify(problem.body);
          res.writeHead(problem.status, {
            ...securityHeaders,
            ...problem.headers,
            'Content-Length': Buffer.byteLength(body),
          });
          res.end(body);
        } else {
          fallback(req, res);
        }
      });
    return true;
  };
}

/** The headers a synchronous middleware (helmet) sets on every response, captured once. */
function headersSetBy(middleware: NodeMiddleware): Record<string, string | number | string[]> {
  const headers: Record<string, string | number | string[]> = {};
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
  };
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => {
    finished = true;
  });
  if (!finished) throw new Error('the security headers middleware must finish synchronously');
  return headers;
}

/** Express's default ETag (the `etag` package, weak): byte length and SHA-1 of the body. */
function weakEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}
