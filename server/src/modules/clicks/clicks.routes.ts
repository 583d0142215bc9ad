import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import {
  MyClickPageSchema,
  MyClicksQuerySchema,
  VISITOR_COOKIE,
  VISITOR_COOKIE_DAYS,
} from '@shared/contracts/clicks.js';
import { ID128_PATTERN, randomId128 } from '@shared/ids.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { requireScope, requireUser } from '../accounts/index.js';
import type { ShopsService } from '../shops/index.js';
import type { ClicksService } from './clicks.service.js';

export function registerClickRoutes(api: ApiRouter, clicks: ClicksService): void {
  api.route(
    {
      method: 'get',
      path: '/me/clicks',
      summary: 'Shops I visited through Vratka, newest first (shop and time only)',
      tags: ['me'],
      security: [{ cookieSession: [] }, { personalAccessToken: ['read'] }],
      query: MyClicksQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'A page of clicks', schema: MyClickPageSchema } },
    },
    ({ query, req }) => clicks.listForUser(req.auth!.user.id, query.limit, query.cursor),
  );
}

/**
 * What `/go/:shop` shows when the fast path leaves it to Express: the web client, which renders
 * the interstitial (log in for cashback, or continue without) — 200 for an active shop, 404 with
 * a friendly page for an unknown or inactive one. The visitor cookie is set here too.
 */
export function interstitialRouter(deps: {
  shops: ShopsService;
  clientDirectory: string;
  secureCookies: boolean;
}): Router {
  const router = express.Router();
  const indexFile = path.join(deps.clientDirectory, 'index.html');
  router.get('/go/:slug', async (req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      next();
      return;
    }
    const shop = /^[a-z0-9-]{1,80}$/.test(req.params.slug)
      ? await deps.shops.findActive(req.params.slug)
      : undefined;
    const visitor = (req.cookies as Record<string, unknown> | undefined)?.[VISITOR_COOKIE];
    if (typeof visitor !== 'string' || !ID128_PATTERN.test(visitor)) {
      res.cookie(VISITOR_COOKIE, randomId128(), {
        maxAge: VISITOR_COOKIE_DAYS * 86400_000,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: '/',
      });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(shop ? 200 : 404).sendFile(indexFile);
  });
  return router;
}
