import type { Request } from 'express';
import {
  AdminClaimDetailSchema,
  AdminClaimPageSchema,
  AdminClaimQuerySchema,
  ClaimAcceptSchema,
  ClaimExportQuerySchema,
  ClaimIdParamsSchema,
  ClaimProofParamsSchema,
  ClaimReasonSchema,
  ClaimShopSettingsParamsSchema,
  ClaimShopSettingsSchema,
} from '@shared/contracts/claims.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireRole } from '../accounts/index.js';
import { sendProof } from './claims.routes.js';
import type { ClaimActor, ClaimsService } from './claims.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
const support = requireRole('support', 'admin');

const actorOf = (req: Request): ClaimActor => ({ userId: req.auth!.user.id, client: clientInfo(req) });

/** The support queue: list, read, ask for information, accept, reject; a shop's window; the export. */
export function registerAdminClaimRoutes(api: ApiRouter, claims: ClaimsService): void {
  api.route(
    {
      method: 'get',
      path: '/admin/claims',
      summary: 'The claims queue, oldest first, by state, network and overdue (support)',
      tags: ['admin'],
      security: SECURITY,
      query: AdminClaimQuerySchema,
      before: [support],
      responses: { 200: { description: 'A page of claims', schema: AdminClaimPageSchema } },
    },
    ({ query }) => claims.queue(query),
  );

  // Before /admin/claims/:id, which would take "export.csv" for an id (it is refused as one anyway).
  api.route(
    {
      method: 'get',
      path: '/admin/claims/export.csv',
      summary: "A network's undecided claims as CSV, for its claim portal (support)",
      tags: ['admin'],
      security: SECURITY,
      query: ClaimExportQuerySchema,
      before: [support],
      responses: { 200: { description: 'One order a line', contentType: 'text/csv' } },
    },
    async ({ query, res }) => {
      const { fileName, csv } = await claims.exportCsv(query.network);
      res
        .status(200)
        .set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${fileName}"`,
          'Cache-Control': 'private, no-store',
        })
        .send(csv);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/claims/shops/:slug',
      summary: "A shop's claim window (support)",
      tags: ['admin'],
      security: SECURITY,
      params: ClaimShopSettingsParamsSchema,
      before: [support],
      responses: { 200: { description: 'The settings', schema: ClaimShopSettingsSchema } },
    },
    ({ params }) => claims.shopSettings(params.slug),
  );

  api.route(
    {
      method: 'put',
      path: '/admin/claims/shops/:slug',
      summary: "Set the days after a purchase before a shop's claims can be filed (support)",
      tags: ['admin'],
      security: SECURITY,
      params: ClaimShopSettingsParamsSchema,
      body: ClaimShopSettingsSchema,
      before: [support],
      responses: { 200: { description: 'The settings', schema: ClaimShopSettingsSchema } },
    },
    ({ params, body, req }) => claims.changeShopSettings(params.slug, body, actorOf(req)),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/claims/:id',
      summary: 'One claim with its messages and proofs (support)',
      tags: ['admin'],
      security: SECURITY,
      params: ClaimIdParamsSchema,
      before: [support],
      responses: { 200: { description: 'The claim', schema: AdminClaimDetailSchema } },
    },
    ({ params }) => claims.adminDetail(params.id),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/claims/:id/proofs/:proofId',
      summary: "Download a shopper's proof (support)",
      tags: ['admin'],
      security: SECURITY,
      params: ClaimProofParamsSchema,
      before: [support],
      responses: { 200: { description: 'The file as attached', contentType: 'application/octet-stream' } },
    },
    async ({ params, res }) => {
      sendProof(res, await claims.proofFile(null, params.id, params.proofId));
    },
  );

  const DECISION =
    'A claim is decided once: a step from a state it has left is 409 `CLAIM_STATE_CONFLICT` and ' +
    'changes nothing. Staff cannot decide their own claim (403 `CLAIM_OWN`). The shopper is mailed.';

  api.route(
    {
      method: 'post',
      path: '/admin/claims/:id/request-info',
      summary: 'Ask the shopper for more information; the reason is shown to them (support)',
      description: DECISION,
      tags: ['admin'],
      security: SECURITY,
      params: ClaimIdParamsSchema,
      body: ClaimReasonSchema,
      before: [support],
      responses: { 200: { description: 'The claim, needs_info', schema: AdminClaimDetailSchema } },
    },
    ({ params, body, req }) => claims.askForInformation(params.id, body.reason, actorOf(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/claims/:id/accept',
      summary: 'Accept the claim: the purchase is recorded as the network would report it (support)',
      description:
        `${DECISION} The order is recorded through the conversions entry point (source \`claim\`) ` +
        'under the network and order number, pending, with the commission given; a later report ' +
        'of the order by the network is a duplicate or an amendment. When the network reported the ' +
        'order without the shopper, 409 `CLAIM_CONVERSION_CONFLICT`.',
      tags: ['admin'],
      security: SECURITY,
      params: ClaimIdParamsSchema,
      body: ClaimAcceptSchema,
      before: [support],
      responses: { 200: { description: 'The claim, accepted', schema: AdminClaimDetailSchema } },
    },
    ({ params, body, req }) => claims.accept(params.id, body, actorOf(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/claims/:id/reject',
      summary: 'Reject the claim with a reason the shopper reads (support)',
      description: DECISION,
      tags: ['admin'],
      security: SECURITY,
      params: ClaimIdParamsSchema,
      body: ClaimReasonSchema,
      before: [support],
      responses: { 200: { description: 'The claim, rejected', schema: AdminClaimDetailSchema } },
    },
    ({ params, body, req }) => claims.reject(params.id, body.reason, actorOf(req)),
  );
}
