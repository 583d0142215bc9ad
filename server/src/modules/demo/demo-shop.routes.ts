import express, { type Router } from 'express';
import { ID128_PATTERN } from '@shared/ids.js';
import type { NetworksRepository } from '../networks/index.js';
import type { NetworkSecretsService } from '../postbacks/index.js';
import type { ShopsService } from '../shops/index.js';
import { DemoNetwork, newDemoOrder, statusesOf, type DemoOrder, type DemoStatus } from './demo-network.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const field = (value: unknown) => (typeof value === 'string' ? value : '');

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><main>${body}<p><a href="/">Back to Vratka</a> · <a href="/account">My purchases</a></p></main></body></html>`;
}

function hidden(order: DemoOrder): string {
  return (Object.entries(order) as Array<[string, string]>)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
}

/**
 * Development only: the e-shop the seeded tracking templates point at, and the network behind
 * it. "Buy" sends a real postback for the click id it received; "approve", "reject" and "change
 * amount" send the network's status updates — the whole money path with no outside service.
 */
export function demoShopRouter(deps: {
  shops: ShopsService;
  networks: NetworksRepository;
  secrets: NetworkSecretsService;
}): Router {
  const router = express.Router();
  const network = new DemoNetwork(deps.secrets);
  router.use('/demo-shop', express.urlencoded({ extended: false, limit: '10kb' }));

  const load = async (slug: string) => {
    const entry = /^[a-z0-9-]{1,80}$/.test(slug) ? await deps.shops.findActive(slug) : undefined;
    const shopNetwork = entry ? await deps.networks.findById(entry.shop.networkId) : null;
    return entry && shopNetwork ? { shop: entry.shop, rules: entry.rules, network: shopNetwork } : undefined;
  };
  // This server, as the network would reach it (loopback, the port this request came in on).
  const selfUrl = (req: express.Request) => `http://127.0.0.1:${req.socket.localPort}`;

  router.get('/demo-shop/:slug', async (req, res) => {
    const found = await load(req.params.slug);
    const subid = field(req.query.subid);
    const deepLink = field(req.query.url);
    if (!found) {
      res.status(404).type('html').send(page('Demo e-shop', '<h1>No such demo shop</h1>'));
      return;
    }
    const tracked = ID128_PATTERN.test(subid);
    res.type('html').send(
      page(
        `${found.shop.name} — demo e-shop`,
        `<h1>${escapeHtml(found.shop.name)} <small>(demo e-shop on the ${escapeHtml(found.network.name)} network)</small></h1>
<p>This page stands in for the real e-shop in development. The network remembered the click id below and reports purchases under it.</p>
${tracked ? `<p>Click id received: <code data-testid="click-id">${subid}</code></p>` : '<p>No click id arrived: a purchase here would not be tracked.</p>'}
${deepLink ? `<p>Requested product page: <code>${escapeHtml(deepLink)}</code></p>` : ''}
${
  tracked
    ? `<form method="post" action="/demo-shop/${escapeHtml(found.shop.slug)}/orders">
<input type="hidden" name="clickId" value="${subid}">
<p><label>Order value <input name="orderAmount" value="1000.00" inputmode="decimal" required></label></p>
<p><label>Network commission <input name="commission" value="50.00" inputmode="decimal" required></label></p>
<p><label>Category the network reports <select name="category">${categoryOptions(found)}</select></label></p>
<p><button type="submit">Buy</button></p></form>`
    : ''
}`,
      ),
    );
  });

  // The shop's rule categories (its excluded ones too) and catalogue categories: what to try.
  const categoryOptions = (found: NonNullable<Awaited<ReturnType<typeof load>>>) =>
    [
      '<option value="">none (the general rate)</option>',
      ...[
        ...new Set([
          ...found.rules.flatMap((rule) => (rule.category === null ? [] : [rule.category])),
          ...found.shop.categories,
        ]),
      ]
        .sort()
        .map((code) => `<option value="${escapeHtml(code)}">${escapeHtml(code)}</option>`),
    ].join('');

  const orderPage = (
    found: NonNullable<Awaited<ReturnType<typeof load>>>,
    order: DemoOrder,
    last: { status: DemoStatus; answer: { status: number; body: string } },
  ) => {
    const actions = statusesOf(found.network)
      .filter((status) => status !== 'pending')
      .map(
        (
          status,
        ) => `<form method="post" action="/demo-shop/${escapeHtml(found.shop.slug)}/orders/status">${hidden(order)}
<input type="hidden" name="status" value="${status}"><button type="submit">${status === 'approved' ? 'Approve' : 'Reject'}</button></form>`,
      )
      .join('');
    return page(
      `Order ${order.orderId}`,
      `<h1>Order ${escapeHtml(order.orderId)} at ${escapeHtml(found.shop.name)}</h1>
<p>Order value ${escapeHtml(order.orderAmount)}, commission ${escapeHtml(order.commission)}${order.category ? `, category <code>${escapeHtml(order.category)}</code>` : ', no category'}.</p>
<p>The network sent a <strong data-testid="postback-status">${last.status}</strong> postback; Vratka answered
<strong data-testid="postback-answer">${last.answer.status}</strong> <code>${escapeHtml(last.answer.body.slice(0, 300))}</code>.</p>
${actions || '<p>This network reports decisions only through its reports (reconciliation), not by postback.</p>'}
${
  actions && last.status !== 'rejected'
    ? `<form method="post" action="/demo-shop/${escapeHtml(found.shop.slug)}/orders/status">
<input type="hidden" name="orderId" value="${escapeHtml(order.orderId)}"><input type="hidden" name="clickId" value="${escapeHtml(order.clickId)}"><input type="hidden" name="category" value="${escapeHtml(order.category)}">
<input type="hidden" name="status" value="${last.status}">
<p><label>New order value <input name="orderAmount" value="${escapeHtml(order.orderAmount)}"></label>
<label>New commission <input name="commission" value="${escapeHtml(order.commission)}"></label>
<button type="submit">Change amount</button></p></form>`
    : ''
}`,
    );
  };

  router.post('/demo-shop/:slug/orders', async (req, res) => {
    const found = await load(req.params.slug);
    const body = req.body as Record<string, unknown>;
    const clickId = field(body.clickId);
    const order = ID128_PATTERN.test(clickId)
      ? newDemoOrder(clickId, field(body.orderAmount), field(body.commission), field(body.category))
      : undefined;
    if (!found || !order) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Demo e-shop',
            '<h1>That order does not add up</h1><p>Use amounts like 1000.00, with a commission no larger than the order.</p>',
          ),
        );
      return;
    }
    const answer = await network.send(selfUrl(req), found.network, found.shop, order, 'pending');
    res.type('html').send(orderPage(found, order, { status: 'pending', answer }));
  });

  router.post('/demo-shop/:slug/orders/status', async (req, res) => {
    const found = await load(req.params.slug);
    const body = req.body as Record<string, unknown>;
    const status = field(body.status) as DemoStatus;
    const order: DemoOrder = {
      orderId: field(body.orderId),
      clickId: field(body.clickId),
      orderAmount: field(body.orderAmount),
      commission: field(body.commission),
      category: field(body.category),
    };
    const valid = newDemoOrder(order.clickId, order.orderAmount, order.commission, order.category);
    if (
      !found ||
      !valid ||
      !/^DEMO-[0-9A-F]{10}$/.test(order.orderId) ||
      !['pending', 'approved', 'rejected'].includes(status)
    ) {
      res.status(400).type('html').send(page('Demo e-shop', '<h1>That update does not add up</h1>'));
      return;
    }
    const normalised = { ...order, orderAmount: valid.orderAmount, commission: valid.commission };
    const answer = await network.send(selfUrl(req), found.network, found.shop, normalised, status);
    res.type('html').send(orderPage(found, normalised, { status, answer }));
  });
  return router;
}
