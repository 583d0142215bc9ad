import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, RequestHandler, Response, Router } from 'express';

interface ExpressObjects {
  request: object;
  response: object;
}

const noop = () => undefined;

/**
 * The hottest API reads, dispatched straight from the server's request listener to their Express
 * route: the same request and response objects, the same route handlers, guards and error answers,
 * but without walking the application's whole middleware stack (health checks, docs, body parser,
 * the session middleware …), which cost more CPU than the read itself (DESIGN §10).
 *
 * `prelude` are the application-wide middlewares every response needs (request id and access log,
 * security headers, cookies) — the same instances the application mounts, so the answers carry
 * the same headers; each must finish and call `next` before it returns. Whatever the hot route does not answer (no fresh cached session, a Bearer
 * token) or fails on before answering goes to the full application, which serves it from scratch
 * (for a read, doing it twice on an error is harmless; the error is answered there as usual).
 *
 * Returns false, having touched nothing, for a request that is not one of `paths`.
 */
export function hotPath(options: {
  app: Express;
  router: Router;
  paths: ReadonlySet<string>;
  prelude: RequestHandler[];
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { app, router, paths, prelude } = options;
  const express = app as unknown as ExpressObjects;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    if (!paths.has(queryAt === -1 ? url : url.slice(0, queryAt))) return false;

    // What app.handle() does before routing: Express's request and response over node's.
    Object.setPrototypeOf(req, express.request);
    Object.setPrototypeOf(res, express.response);
    const expressReq = req as Request;
    const expressRes = res as Response;
    expressReq.res = expressRes;
    expressRes.req = expressReq;
    expressRes.locals ??= Object.create(null) as Response['locals'];
    for (const middleware of prelude) void middleware(expressReq, expressRes, noop);

    router(expressReq, expressRes, (error?: unknown) => {
      if (!res.headersSent) app(req, res);
      else if (error) res.destroy(error instanceof Error ? error : undefined);
    });
    return true;
  };
}
