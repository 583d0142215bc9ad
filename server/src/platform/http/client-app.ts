import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Paths that belong to the server; the single-page app never answers them. */
const SERVER_PREFIXES = ['/api', '/go', '/postback', '/u', '/healthz', '/demo-shop'];

function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Serves the built client: hashed assets with long caching, and `index.html` for every client
 * route (SPA fallback) so a reload of `/shops/alza-cz` works.
 */
export function clientAppRouter(clientDirectory: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDirectory, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDirectory, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  router.use(express.static(clientDirectory, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    if (isServerPath(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built yet. Run `npm run build:client` (npm start does this for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
