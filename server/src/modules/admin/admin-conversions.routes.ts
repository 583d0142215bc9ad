import type { Request } from 'express';
import {
  AdjustmentCreateSchema,
  AdjustmentResultSchema,
  AdminConversionDetailSchema,
  AdminConversionPageSchema,
  AdminConversionQuerySchema,
  AdminConversionSchema,
  ConversionAssignSchema,
  ConversionDismissSchema,
  ConversionIdParamsSchema,
} from '@shared/contracts/admin-money.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { IdempotencyHeaderSchema, idempotencyKeyOf, markReplayed } from '../../platform/http/idempotency.js';
import { requireRole } from '../accounts/index.js';
import type { AdminConversionsService, StaffActor } from '../conversions/index.js';
import type { PostbacksService } from '../postbacks/index.js';

const SECURITY = [{ cookieSession: [] as string[] }];
/** Support answers shoppers' questions, so it reads; only admins and finance move money. */
const readMoney = requireRole('admin', 'support', 'finance');
const changeMoney = requireRole('admin', 'finance');

const actorOf = (req: Request): StaffActor => ({ userId: req.auth!.user.id, client: clientInfo(req) });

/**
 * Staff view of conversions: search, the full story of one (with the raw postbacks behind it),
 * adjustments, the unattributed queue.
 */
export function registerAdminConversionRoutes(
  api: ApiRouter,
  deps: { conversions: AdminConversionsService; postbacks: PostbacksService },
): void {
  const { conversions, postbacks } = deps;
  api.route(
    {
      method: 'get',
      path: '/admin/conversions',
      summary: 'Find conversions; `attribution=unattributed` is the queue of purchases without a shopper',
      description:
        'Newest first. `from` is inclusive, `to` exclusive, both on when we received the purchase.',
      tags: ['admin'],
      security: SECURITY,
      query: AdminConversionQuerySchema,
      before: [readMoney],
      responses: { 200: { description: 'A page of conversions', schema: AdminConversionPageSchema } },
    },
    ({ query }) => conversions.search(query),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/conversions/:id',
      summary: 'One conversion with its history, ledger transfers and raw postbacks (the read is audited)',
      tags: ['admin'],
      security: SECURITY,
      params: ConversionIdParamsSchema,
      before: [readMoney],
      responses: { 200: { description: 'The conversion', schema: AdminConversionDetailSchema } },
    },
    async ({ params, req }) => ({
      ...(await conversions.detail(params.id, actorOf(req))),
      inbox: await postbacks.messagesAbout(params.id),
    }),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/conversions/:id/adjustments',
      summary: "Adjust the shopper's money on this conversion through the ledger (admins, finance; audited)",
      description:
        'Needs the `Idempotency-Key` header (8–64 visible ASCII characters), as every money write: ' +
        'the same key with the same request answers the first transfer again (`duplicate: true`, ' +
        '`Idempotent-Replayed: true`); with another request it is 422 `IDEMPOTENCY_KEY_REUSED`.',
      tags: ['admin'],
      security: SECURITY,
      params: ConversionIdParamsSchema,
      headers: IdempotencyHeaderSchema,
      body: AdjustmentCreateSchema,
      before: [changeMoney],
      responses: {
        200: { description: 'The transfer and the balance after it', schema: AdjustmentResultSchema },
      },
    },
    async ({ params, body, req, res }) => {
      const key = idempotencyKeyOf(req, 'adjustment');
      const result = await conversions.adjust(params.id, body, key, actorOf(req));
      markReplayed(res, result.duplicate);
      return result;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/conversions/:id/assign',
      summary:
        'Give an unattributed conversion to a shopper and credit their share (admins, finance; audited)',
      tags: ['admin'],
      security: SECURITY,
      params: ConversionIdParamsSchema,
      body: ConversionAssignSchema,
      before: [changeMoney],
      responses: { 200: { description: 'The conversion', schema: AdminConversionSchema } },
    },
    ({ params, body, req }) => conversions.assign(params.id, body, actorOf(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/conversions/:id/dismiss',
      summary: 'Take an unattributed conversion off the queue (admins, finance; audited)',
      tags: ['admin'],
      security: SECURITY,
      params: ConversionIdParamsSchema,
      body: ConversionDismissSchema,
      before: [changeMoney],
      responses: { 200: { description: 'The conversion', schema: AdminConversionSchema } },
    },
    ({ params, body, req }) => conversions.dismiss(params.id, body, actorOf(req)),
  );
}
