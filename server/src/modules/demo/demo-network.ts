import { randomBytes } from 'node:crypto';
import { MARKET_CURRENCY } from '@shared/markets.js';
import { parseDecimalToMinor, minorToDecimal } from '@shared/money.js';
import { signWebhook } from '../../platform/security/standard-webhooks.js';
import type { Network } from '../networks/index.js';
import type { NetworkSecretsService } from '../postbacks/index.js';
import type { Shop } from '../shops/index.js';

export type DemoStatus = 'pending' | 'approved' | 'rejected';

export interface DemoOrder {
  orderId: string;
  clickId: string;
  orderAmount: string;
  commission: string;
  /** The category the network reports for the purchase; '' for none. */
  category: string;
}

/** Which statuses a network's real notifications can carry (Awin pushes only new transactions). */
export function statusesOf(network: Network): DemoStatus[] {
  return network.kind === 'awin' ? ['pending'] : ['pending', 'approved', 'rejected'];
}

export function newDemoOrder(
  clickId: string,
  orderAmount: string,
  commission: string,
  category = '',
): DemoOrder | undefined {
  const amount = parseDecimalToMinor(orderAmount);
  const fee = parseDecimalToMinor(commission);
  if (amount === undefined || fee === undefined || fee > amount || !/^[a-z0-9-]{0,64}$/.test(category))
    return undefined;
  return {
    orderId: `DEMO-${randomBytes(5).toString('hex').toUpperCase()}`,
    clickId,
    orderAmount: minorToDecimal(amount),
    commission: minorToDecimal(fee),
    category,
  };
}

/**
 * Development only: plays the affiliate network for the seeded shops. It sends each network's own
 * kind of postback — our signed protocol for the demo network, Awin's form push, Impact's and
 * Admitad's query strings — over real HTTP to this server's /postback endpoint, with credentials
 * it creates for itself on first use.
 */
export class DemoNetwork {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly secrets: NetworkSecretsService) {}

  async send(
    baseUrl: string,
    network: Network,
    shop: Shop,
    order: DemoOrder,
    status: DemoStatus,
  ): Promise<{ status: number; body: string }> {
    const currency = MARKET_CURRENCY[shop.marketCode];
    const url = `${baseUrl}/postback/${network.slug}`;
    let response: Response;
    if (network.kind === 'signed') {
      const key = await this.secrets.demoKey(network.id);
      const body = JSON.stringify({
        id: `demo_${randomBytes(6).toString('hex')}`,
        click_id: order.clickId,
        order_id: order.orderId,
        order_amount: order.orderAmount,
        commission: order.commission,
        currency,
        status,
        occurred_at: new Date().toISOString(),
        ...(order.category ? { category: order.category } : {}),
        ...(status === 'rejected' ? { reason: 'Zboží bylo vráceno (demo)' } : {}),
      });
      const messageId = `msg_${randomBytes(8).toString('hex')}`;
      const timestamp = Math.floor(Date.now() / 1000);
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(key, messageId, timestamp, body),
        },
        body,
      });
    } else {
      const token = await this.token(network);
      const query = new URLSearchParams({ token });
      if (network.kind === 'awin') {
        const push = JSON.stringify({
          transactionId: order.orderId,
          clickRef: order.clickId,
          transactionAmount: order.orderAmount,
          commission: order.commission,
          transactionCurrency: currency,
          transactionDate: new Date().toISOString().slice(0, 19).replace('T', ' '),
          commissionGroups: [
            order.category
              ? { id: '1', name: order.category, code: order.category.toUpperCase(), description: '' }
              : { id: '0', name: 'Default Commission', code: 'DEFAULT', description: '' },
          ],
        });
        response = await fetch(`${url}?${query.toString()}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ AwinTransactionPush: push }).toString(),
        });
      } else {
        const fields: Record<string, string> =
          network.kind === 'impact'
            ? {
                SubId1: order.clickId,
                ActionId: order.orderId,
                Status: { pending: 'PENDING', approved: 'APPROVED', rejected: 'REVERSED' }[status],
                Payout: order.commission,
                Amount: order.orderAmount,
                Currency: currency,
                Category: order.category,
              }
            : network.kind === 'admitad'
              ? {
                  subid: order.clickId,
                  order_id: order.orderId,
                  status: { pending: 'pending', approved: 'approved', rejected: 'declined' }[status],
                  payment_sum: order.commission,
                  order_sum: order.orderAmount,
                  currency,
                  category: order.category,
                }
              : {
                  click_id: order.clickId,
                  order_id: order.orderId,
                  status,
                  commission: order.commission,
                  order_amount: order.orderAmount,
                  currency,
                  category: order.category,
                };
        for (const [key, value] of Object.entries(fields)) if (value !== '') query.set(key, value);
        response = await fetch(`${url}?${query.toString()}`);
      }
    }
    return { status: response.status, body: await response.text() };
  }

  private async token(network: Network): Promise<string> {
    let token = this.tokens.get(network.id);
    if (!token) {
      token = (await this.secrets.create(network.id, 'token', 'demo simulator', null)).secret;
      this.tokens.set(network.id, token);
    }
    return token;
  }
}
