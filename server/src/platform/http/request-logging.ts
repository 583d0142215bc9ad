import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
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

/**
 * Structured access log with a request id per request (taken from a well-formed incoming
 * `X-Request-Id`, otherwise generated) that is echoed back and put on every problem response.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: scrubUrl(req.url),
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
