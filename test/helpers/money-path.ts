import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import { ctx } from './context.js';

export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

let demoSecret: string | undefined;

/** The seeded `demo` network (signed protocol) and a Standard Webhooks secret for it, made once. */
export async function demoNetwork(): Promise<{ network: Network; secret: string }> {
  const network = await ctx().database.manager.findOneByOrFail(Network, { slug: 'demo' });
  if (!demoSecret)
    demoSecret = (await ctx().app.services.networkSecrets.create(network.id, 'hmac', 'tests', null)).secret;
  return { network, secret: demoSecret };
}

export interface SignedPostback {
  id?: string;
  click_id?: string | null;
  order_id: string;
  order_amount: string;
  commission: string;
  currency?: string;
  status: 'pending' | 'approved' | 'rejected' | 'settled';
  occurred_at?: string;
  reason?: string;
  category?: string;
}

/**
 * Sends a postback signed by the reference Standard Webhooks library, as a network would.
 * Call `demoNetwork()` once first (e.g. in a `before` hook).
 */
export function sendSigned(
  body: SignedPostback,
  options: { secret?: string; messageId?: string; rawBody?: string } = {},
) {
  const secret = demoSecret;
  if (!secret) throw new Error('call demoNetwork() first');
  const payload =
    options.rawBody ??
    JSON.stringify({ id: body.id ?? `evt_${randomBytes(6).toString('hex')}`, currency: 'CZK', ...body });
  const messageId = options.messageId ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = ctx().clock.now();
  const signature = new Webhook(options.secret ?? secret).sign(messageId, at, payload);
  return request(ctx().app.listener)
    .post('/postback/demo')
    .set('Content-Type', 'application/json')
    .set('webhook-id', messageId)
    .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
    .set('webhook-signature', signature)
    .send(payload);
}

/** A logged-in shopper's click on a shop through the real redirect; returns the click id. */
export async function clickThrough(cookie: string, shopSlug: string): Promise<string> {
  const response = await request(ctx().app.listener)
    .get(`/go/${shopSlug}`)
    .set('User-Agent', BROWSER_UA)
    .set('Cookie', cookie)
    .redirects(0);
  if (response.status !== 302) throw new Error(`click failed: ${response.status}`);
  return new URL(response.headers.location as string).searchParams.get('subid')!;
}

export function orderId(prefix = 'ORD'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
