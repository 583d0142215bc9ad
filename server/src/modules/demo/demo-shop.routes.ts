import express, { type Router } from 'express';
import { ID128_PATTERN } from '@shared/ids.js';
import type { ShopsService } from '../shops/shops.service.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Development only: the e-shop the seeded shops' tracking templates point at, so `npm start`
 * walks through a whole visit with no outside service. It shows the click id it received —
 * exactly what a network would store as the sub-ID.
 */
export function demoShopRouter(shops: ShopsService): Router {
  const router = express.Router();
  router.get('/demo-shop/:slug', async (req, res) => {
    const shop = /^[a-z0-9-]{1,80}$/.test(req.params.slug)
      ? await shops.findActive(req.params.slug)
      : undefined;
    const subid = typeof req.query.subid === 'string' ? req.query.subid : '';
    const deepLink = typeof req.query.url === 'string' ? req.query.url : '';
    const name = shop ? shop.shop.name : 'Demo e-shop';
    const received = ID128_PATTERN.test(subid)
      ? `<p>Click id received from the network: <code data-testid="click-id">${subid}</code></p>`
      : '<p>No click id arrived: a purchase here would not be tracked.</p>';
    res.status(shop ? 200 : 404).type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)} — demo e-shop</title></head>
<body><main>
<h1>${escapeHtml(name)} <small>(demo e-shop)</small></h1>
<p>This page stands in for the real e-shop in development. A network would now remember the
click id below and report purchases under it.</p>
${received}
${deepLink ? `<p>Requested product page: <code>${escapeHtml(deepLink)}</code></p>` : ''}
<form method="post" action="/demo-shop/${escapeHtml(req.params.slug)}/orders">
<input type="hidden" name="subid" value="${ID128_PATTERN.test(subid) ? subid : ''}">
<button type="submit" disabled>Buy (sends a signed postback once the money path is in place)</button>
</form>
<p><a href="/">Back to Vratka</a></p>
</main></body></html>`);
  });
  return router;
}
