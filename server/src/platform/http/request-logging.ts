import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { scrubText } from '../logger.js';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Path segments that are bearer secrets in themselves (signed links), masked before logging. */
const SECRET_PATH_PREFIXES = ['/u/', '/api/v1/auth/verify-email/', '/api/v1/auth/password-reset/'];

export function scrubUrl(url: string): string {
  const [pathPart = '', queryPart] = url.split('?', 2);
  let pathname = pathPart;
  for (const prefix of SECRET_PATH_PREFIXES) {
    if (pathname.startsWith(prefix)) pathname = `${prefix}[redacted]`;
  }
  // Query values may hold tokens or personal data; keep the names so the log stays useful.
  const query = queryPart
    ?.split('&')
    .map((pair) => `${pair.split('=')[0] ?? ''}=…`)
    .join('&');
  return scrubText(query ? `${pathname}?${query}` : pathname);
}

const STARTED_AT = Symbol('requestStartedAt');
const REQUEST_LINE = Symbol('requestLine');

interface LoggedResponse extends ServerResponse {
  [STARTED_AT]: number;
  [REQUEST_LINE]: { id: string; method: string | undefined; url: string; userAgent: string | undefined };
}

/**
 * Structured access log with a request id per request (taken from a well-formed incoming
 * `X-Request-Id`, otherwise generated) that is echoed back and put on every problem response.
 * One line per request when it ends: `info`, or `error` for a 5xx, "request aborted" when the
 * client left first. Kept lean on purpose (no child logger per request, the URL scrubbed only when
 * a line is written): it runs in front of every request, including the dashboard's hot reads.
 */
export function requestLogging(logger: Logger) {
  function onClose(this: LoggedResponse) {
    const level = this.statusCode >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const line = this[REQUEST_LINE];
    logger[level](
      {
        req: { ...line, url: scrubUrl(line.url) },
        res: { statusCode: this.statusCode },
        responseTime: Math.round(performance.now() - this[STARTED_AT]),
      },
      !this.writableFinished
        ? 'request aborted'
        : level === 'error'
          ? 'request errored'
          : 'request completed',
    );
  }
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    // Once per response, however often it is called (the hot path hands misses to the full app).
    if ((res as Partial<LoggedResponse>)[STARTED_AT] !== undefined) {
      next();
      return;
    }
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    const logged = res as LoggedResponse;
    logged[STARTED_AT] = performance.now();
    // The URL as it arrived: routers rewrite req.url while they dispatch.
    logged[REQUEST_LINE] = {
      id,
      method: req.method,
      url: req.url ?? '',
      userAgent: req.headers['user-agent'],
    };
    res.on('close', onClose); // emitted once per response
    next();
  };
}
