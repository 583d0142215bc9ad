import type { Response } from 'express';
import {
  ClaimCreateSchema,
  ClaimDetailSchema,
  ClaimIdParamsSchema,
  ClaimListQuerySchema,
  ClaimMessageCreateSchema,
  ClaimPageSchema,
  ClaimPreviewQuerySchema,
  ClaimPreviewSchema,
  ClaimProofParamsSchema,
  ClaimProofSchema,
  type ClaimProof,
} from '@shared/contracts/claims.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireScope, requireSession, requireUser } from '../accounts/index.js';
import type { ClaimsService } from './claims.service.js';

const READ_SECURITY: Array<Record<string, string[]>> = [
  { cookieSession: [] },
  { personalAccessToken: ['read'] },
];
const SESSION_SECURITY = [{ cookieSession: [] as string[] }];

/** Where a proof is uploaded: the composition root gives this path a raw body parser of its own. */
export const CLAIM_PROOF_UPLOAD_PATH = '/me/claims/:id/proofs';

/** The shopper's claims: file, list, read, answer support, attach and fetch proofs. */
export function registerClaimRoutes(api: ApiRouter, claims: ClaimsService): void {
  api.route(
    {
      method: 'get',
      path: '/me/claims',
      summary: 'My missing-cashback claims, newest first, with their states and deadlines',
      tags: ['me'],
      security: READ_SECURITY,
      query: ClaimListQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'A page of claims', schema: ClaimPageSchema } },
    },
    ({ query, req }) => claims.list(req.auth!.user.id, query),
  );

  api.route(
    {
      method: 'get',
      path: '/me/claims/preview',
      summary: 'When a claim for this shop and order date can be filed, and which visit it would be for',
      tags: ['me'],
      security: READ_SECURITY,
      query: ClaimPreviewQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'The window and the visit', schema: ClaimPreviewSchema } },
    },
    ({ query, req }) => claims.preview(req.auth!.user.id, query.shop, query.orderDate),
  );

  api.route(
    {
      method: 'post',
      path: '/me/claims',
      summary: 'Claim a purchase tracking missed',
      description:
        'Allowed from 7 days after the purchase (a shop may set its own delay) until 60 days after ' +
        'it, else 422 `CLAIM_OUTSIDE_WINDOW` with `opensOn` and `closesOn`. The visit is the one ' +
        'given as `clickId` (one of mine to this shop before the order date) or my latest such visit ' +
        '(422 `CLAIM_NO_CLICK` when there is none). An order claimed already, or reported for ' +
        'someone else, is 409 `CLAIM_DUPLICATE`; one among my purchases is 409 `CLAIM_ORDER_TRACKED`.',
      tags: ['me'],
      security: SESSION_SECURITY,
      body: ClaimCreateSchema,
      before: [requireSession],
      responses: { 201: { description: 'The claim, open', schema: ClaimDetailSchema } },
    },
    ({ body, req }) => claims.file(req.auth!.user.id, body, clientInfo(req)),
  );

  api.route(
    {
      method: 'get',
      path: '/me/claims/:id',
      summary: 'One of my claims with its messages and proofs',
      tags: ['me'],
      security: READ_SECURITY,
      params: ClaimIdParamsSchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'The claim', schema: ClaimDetailSchema } },
    },
    ({ params, req }) => claims.detail(req.auth!.user.id, params.id),
  );

  api.route(
    {
      method: 'post',
      path: '/me/claims/:id/messages',
      summary: 'Write to support about my claim (a claim waiting for my answer is open again)',
      tags: ['me'],
      security: SESSION_SECURITY,
      params: ClaimIdParamsSchema,
      body: ClaimMessageCreateSchema,
      before: [requireSession],
      responses: { 201: { description: 'The claim with the message', schema: ClaimDetailSchema } },
    },
    ({ params, body, req }) => claims.answer(req.auth!.user.id, params.id, body.body, clientInfo(req)),
  );

  api.route(
    {
      method: 'post',
      path: CLAIM_PROOF_UPLOAD_PATH,
      summary: 'Attach a proof of purchase (order confirmation or invoice)',
      description:
        'The file is the request body (`Content-Type: application/pdf`, `image/png` or ' +
        '`image/jpeg`; at most 5 MB, else 413 `BODY_TOO_LARGE`), its name in the `X-File-Name` ' +
        'header (URI-encoded). The type is decided by the content: anything else is 415 ' +
        '`CLAIM_PROOF_TYPE`. At most 5 files a claim.',
      tags: ['me'],
      security: SESSION_SECURITY,
      params: ClaimIdParamsSchema,
      before: [requireSession],
      responses: { 201: { description: 'The stored proof', schema: ClaimProofSchema } },
    },
    ({ params, req }) =>
      claims.addProof(
        req.auth!.user.id,
        params.id,
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        req.get('x-file-name'),
        clientInfo(req),
      ),
  );

  api.route(
    {
      method: 'get',
      path: '/me/claims/:id/proofs/:proofId',
      summary: 'Download a proof I attached',
      tags: ['me'],
      security: READ_SECURITY,
      params: ClaimProofParamsSchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'The file as attached', contentType: 'application/octet-stream' } },
    },
    async ({ params, req, res }) => {
      sendProof(res, await claims.proofFile(req.auth!.user.id, params.id, params.proofId));
    },
  );
}

/** A proof as a download: never rendered inline, never cached by a shared cache. */
export function sendProof(res: Response, file: { proof: ClaimProof; content: Buffer }): void {
  const ascii = file.proof.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res
    .status(200)
    .set({
      'Content-Type': file.proof.contentType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.proof.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    })
    .send(file.content);
}
