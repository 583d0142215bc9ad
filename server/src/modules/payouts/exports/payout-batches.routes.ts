import type { Request } from 'express';
import { z } from 'zod';
import {
  MAX_BATCH_PAYOUTS,
  PayoutBatchCreateSchema,
  PayoutBatchFileParamsSchema,
  PayoutBatchIdParamsSchema,
  PayoutBatchListQuerySchema,
  PayoutBatchPageSchema,
  PayoutBatchPaidSchema,
  PayoutBatchSchema,
} from '@shared/contracts/payout-batches.js';
import type { ApiRouter } from '../../../platform/http/api-router.js';
import { clientInfo } from '../../../platform/http/client-info.js';
import {
  IdempotencyHeaderSchema,
  idempotencyKeyOf,
  markReplayed,
} from '../../../platform/http/idempotency.js';
import { requireRole } from '../../accounts/index.js';
import type { PayoutActor } from '../payouts.service.js';
import type { PayoutBatchesService } from './payout-batches.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
const TAGS = ['admin'];
const finance = requireRole('finance', 'admin');

const actorOf = (req: Request): PayoutActor => ({
  userId: req.auth!.user.id,
  kind: 'staff',
  client: clientInfo(req),
});

/** Bank exports of approved payouts (finance): make a batch, carry it on, list, download, mark paid. */
export function registerPayoutBatchRoutes(api: ApiRouter, batches: PayoutBatchesService): void {
  api.route(
    {
      method: 'post',
      path: '/admin/payout-batches',
      summary: 'Export approved payouts of one currency as a bank batch (finance; four eyes)',
      description:
        'Needs the `Idempotency-Key` header (8–64 visible ASCII characters): the same key with the ' +
        'same body answers the same batch (`Idempotent-Replayed: true`), with another body 422 ' +
        '`IDEMPOTENCY_KEY_REUSED`. Without `payoutIds` every approved payout of the currency goes in ' +
        `(at most ${MAX_BATCH_PAYOUTS} a batch), except those you approved or own and, for CZK, those to ` +
        'non-Czech accounts: they are listed in `skipped`. Named `payoutIds` are all exported or the ' +
        'request is refused (403 `PAYOUT_FOUR_EYES`, 403 `PAYOUT_OWN`, 409 `PAYOUT_NOT_EXPORTABLE`). ' +
        'Nothing to export is 422 `PAYOUT_BATCH_EMPTY`. A batch larger than one step answers ' +
        '`state: exporting`; carry it on with `POST …/advance` until it is `ready`.',
      tags: TAGS,
      security: SECURITY,
      headers: IdempotencyHeaderSchema,
      body: PayoutBatchCreateSchema,
      before: [finance],
      responses: { 201: { description: 'The batch (ready, or exporting)', schema: PayoutBatchSchema } },
    },
    async ({ body, req, res }) => {
      const key = idempotencyKeyOf(req, 'batch');
      const outcome = await batches.create(body, key, actorOf(req));
      markReplayed(res, outcome.replayed);
      return outcome.batch;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/payout-batches/:id/advance',
      summary: 'Export the next step of an exporting batch; the last step makes its files (finance)',
      description:
        'Answers the batch with its progress (`exportedCount` of `payoutCount`). A ready batch is ' +
        'answered as it is, so calling again is harmless. Also carries on a batch an interrupted ' +
        'export left behind.',
      tags: TAGS,
      security: SECURITY,
      params: PayoutBatchIdParamsSchema,
      before: [finance],
      responses: { 200: { description: 'The batch after the step', schema: PayoutBatchSchema } },
    },
    ({ params, req }) => batches.advance(params.id, actorOf(req)),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/payout-batches',
      summary: 'Bank export batches, newest first (finance)',
      tags: TAGS,
      security: SECURITY,
      query: PayoutBatchListQuerySchema,
      before: [finance],
      responses: { 200: { description: 'A page of batches', schema: PayoutBatchPageSchema } },
    },
    ({ query }) => batches.list(query),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/payout-batches/:id',
      summary: 'One bank export batch with its progress and files (finance)',
      tags: TAGS,
      security: SECURITY,
      params: PayoutBatchIdParamsSchema,
      before: [finance],
      responses: { 200: { description: 'The batch', schema: PayoutBatchSchema } },
    },
    ({ params }) => batches.get(params.id),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/payout-batches/:id/files/:format',
      summary: 'Download a batch file, byte for byte as it was made (finance; every download is audited)',
      description:
        '`sepa-xml` (EUR, SEPA pain.001.001.03), `czk-csv` (Czech domestic transfers) and `czk-xml` ' +
        '(pain.001.001.03 in CZK). The `X-Content-SHA256` header repeats the file’s SHA-256.',
      tags: TAGS,
      security: SECURITY,
      params: PayoutBatchFileParamsSchema,
      before: [finance],
      responses: {
        200: { description: 'The file', schema: z.string(), contentType: 'application/octet-stream' },
      },
    },
    async ({ params, req, res }) => {
      const file = await batches.download(params.id, params.format, actorOf(req));
      res
        .status(200)
        .set({
          'Content-Type': file.mediaType,
          'Content-Disposition': `attachment; filename="${file.fileName}"`,
          'Cache-Control': 'no-store',
          'X-Content-SHA256': file.sha256,
        })
        .send(file.content);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/payout-batches/:id/paid',
      summary: 'The bank paid the batch: mark each of its exported payouts paid (finance)',
      description:
        'Each payout moves exported → paid in its own transaction with its own ledger transfer ' +
        '`payout:<id>:paid`, so at most once; payouts marked paid or failed before stay so. ' +
        'Nothing left to pay is 409 `PAYOUT_BATCH_SETTLED` and posts nothing.',
      tags: TAGS,
      security: SECURITY,
      params: PayoutBatchIdParamsSchema,
      before: [finance],
      responses: { 200: { description: 'What was marked paid', schema: PayoutBatchPaidSchema } },
    },
    ({ params, req }) => batches.markPaid(params.id, actorOf(req)),
  );
}
