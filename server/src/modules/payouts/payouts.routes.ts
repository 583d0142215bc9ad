import {
  PayoutIdParamsSchema,
  PayoutListQuerySchema,
  PayoutPageSchema,
  PayoutRequestSchema,
  PayoutSchema,
} from '@shared/contracts/payouts.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { IdempotencyHeaderSchema, idempotencyKeyOf, markReplayed } from '../../platform/http/idempotency.js';
import { requireScope, requireUser } from '../accounts/index.js';
import type { PayoutsService } from './payouts.service.js';

const READ_SECURITY: Array<Record<string, string[]>> = [
  { cookieSession: [] },
  { personalAccessToken: ['read'] },
];
const PAYOUT_SECURITY: Array<Record<string, string[]>> = [
  { cookieSession: [] },
  { personalAccessToken: ['payouts'] },
];

/** The shopper's payouts: request (idempotent by `Idempotency-Key`), history, cancel. */
export function registerPayoutRoutes(api: ApiRouter, payouts: PayoutsService): void {
  api.route(
    {
      method: 'get',
      path: '/me/payouts',
      summary: 'My payouts, newest first, with their states',
      tags: ['me'],
      security: READ_SECURITY,
      query: PayoutListQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'A page of payouts', schema: PayoutPageSchema } },
    },
    ({ query, req }) => payouts.history(req.auth!.user.id, query.limit, query.cursor),
  );

  api.route(
    {
      method: 'post',
      path: '/me/payouts',
      summary: 'Ask for a payout of available cashback to a confirmed bank account',
      description:
        'Needs the `Idempotency-Key` header (8–64 visible ASCII characters). The same key with the ' +
        'same body answers the same payout again (with `Idempotent-Replayed: true`); with another ' +
        'body it is 422 `IDEMPOTENCY_KEY_REUSED`. Refusals: `EMAIL_NOT_VERIFIED`, ' +
        '`BANK_ACCOUNT_NOT_FOUND`, `BANK_ACCOUNT_NOT_VERIFIED`, `BANK_ACCOUNT_RECENTLY_CHANGED` ' +
        '(with `allowedAt`), `PAYOUT_BELOW_MINIMUM` (with `minimum`, from the market of the ' +
        'currency), `PAYOUT_INSUFFICIENT_FUNDS` (with `available`). A token needs the `payouts` scope.',
      tags: ['me'],
      security: PAYOUT_SECURITY,
      headers: IdempotencyHeaderSchema,
      body: PayoutRequestSchema,
      before: [requireUser, requireScope('payouts')],
      responses: {
        201: { description: 'The payout, requested (or as the key made it)', schema: PayoutSchema },
      },
    },
    async ({ body, req, res }) => {
      const key = idempotencyKeyOf(req, 'payout');
      const outcome = await payouts.request(req.auth!.user.id, key, body, clientInfo(req));
      markReplayed(res, outcome.replayed);
      return outcome.payout;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/me/payouts/:id/cancel',
      summary: 'Cancel my payout while it is still requested; the amount is available again',
      tags: ['me'],
      security: PAYOUT_SECURITY,
      params: PayoutIdParamsSchema,
      before: [requireUser, requireScope('payouts')],
      responses: { 200: { description: 'The cancelled payout', schema: PayoutSchema } },
    },
    ({ params, req }) => payouts.cancel(req.auth!.user.id, params.id, clientInfo(req)),
  );
}
