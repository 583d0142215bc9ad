import type { Request } from 'express';
import {
  AdminPayoutPageSchema,
  AdminPayoutQuerySchema,
  AdminPayoutSchema,
  PayoutIdParamsSchema,
  PayoutReasonSchema,
} from '@shared/contracts/payouts.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireRole } from '../accounts/index.js';
import type { PayoutActor, PayoutsService } from './payouts.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
const finance = requireRole('finance', 'admin');

const actorOf = (req: Request): PayoutActor => ({
  userId: req.auth!.user.id,
  kind: 'staff',
  client: clientInfo(req),
});

/** The finance queue: list, approve, reject, mark paid or failed. Every step is audited and mailed. */
export function registerAdminPayoutRoutes(api: ApiRouter, payouts: PayoutsService): void {
  api.route(
    {
      method: 'get',
      path: '/admin/payouts',
      summary: 'The payout queue, oldest first, filtered by state, currency and first payout (finance)',
      tags: ['admin'],
      security: SECURITY,
      query: AdminPayoutQuerySchema,
      before: [finance],
      responses: { 200: { description: 'A page of payouts', schema: AdminPayoutPageSchema } },
    },
    ({ query }) => payouts.queue(query),
  );

  const step = (
    path: string,
    summary: string,
    run: (id: string, req: Request, reason: string | undefined) => Promise<unknown>,
    withReason: boolean,
  ) =>
    api.route(
      {
        method: 'post',
        path: `/admin/payouts/:id/${path}`,
        summary,
        description:
          'A payout moves once: a step from a state it has left is 409 `PAYOUT_STATE_CONFLICT` and ' +
          'moves no money. Staff cannot handle their own payout (403 `PAYOUT_OWN`).',
        tags: ['admin'],
        security: SECURITY,
        params: PayoutIdParamsSchema,
        ...(withReason ? { body: PayoutReasonSchema } : {}),
        before: [finance],
        responses: { 200: { description: 'The payout after the step', schema: AdminPayoutSchema } },
      },
      ({ params, body, req }) => run(params.id, req, withReason ? body.reason : undefined),
    );

  step(
    'approve',
    'Approve a requested payout (finance; four eyes: not your own)',
    (id, req) => payouts.approve(id, actorOf(req)),
    false,
  );
  step(
    'reject',
    'Reject a payout before it is paid; the hold goes back to available, the reason is shown to the shopper',
    (id, req, reason) => payouts.reject(id, reason!, actorOf(req)),
    true,
  );
  step(
    'paid',
    'Mark an approved payout paid: the held money leaves (hold → paid out)',
    (id, req) => payouts.paid(id, actorOf(req)),
    false,
  );
  step(
    'failed',
    'Mark a payout failed (the bank returned it); the hold goes back to available, with the reason',
    (id, req, reason) => payouts.failed(id, reason!, actorOf(req)),
    true,
  );
}
