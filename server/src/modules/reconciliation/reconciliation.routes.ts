import type { Request } from 'express';
import {
  ApplyLinesSchema,
  ApplyResultSchema,
  ImportIdParamsSchema,
  ImportLineParamsSchema,
  OverviewSchema,
  ReportImportCreateSchema,
  ReportImportListSchema,
  ReportImportSchema,
  SettlementCreateSchema,
  SettlementListSchema,
  SettlementSchema,
} from '@shared/contracts/reconciliation.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { IdempotencyHeaderSchema, idempotencyKeyOf, markReplayed } from '../../platform/http/idempotency.js';
import { requireRole } from '../accounts/index.js';
import type { ReconciliationService, StaffActor } from './reconciliation.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
const TAGS = ['admin', 'reconciliation'];
/** Finance reconciles; admins may stand in. Support has no business here. */
const finance = requireRole('finance', 'admin');

const actorOf = (req: Request): StaffActor => ({ userId: req.auth!.user.id, client: clientInfo(req) });

/** Where imports are posted: `app.ts` gives this path a larger body limit than the API's default. */
export const REPORT_IMPORT_PATH = '/admin/reconciliation/imports';

export function registerReconciliationRoutes(api: ApiRouter, reconciliation: ReconciliationService): void {
  api.route(
    {
      method: 'post',
      path: REPORT_IMPORT_PATH,
      summary: "Import a network's report: the dry run, stored with its diff lines (finance; audited)",
      description:
        'Compares the report with our conversions for the network and the report’s period: each line ' +
        'is matched, amount_differs, status_differs, missing_here (no conversion: the postback never ' +
        'arrived) or missing_in_report. Nothing about conversions changes until lines are applied.',
      tags: TAGS,
      security: SECURITY,
      body: ReportImportCreateSchema,
      before: [finance],
      responses: { 201: { description: 'The import with its lines', schema: ReportImportSchema } },
    },
    ({ body, req }) => reconciliation.importReport(body, actorOf(req)),
  );

  api.route(
    {
      method: 'get',
      path: REPORT_IMPORT_PATH,
      summary: 'The latest report imports (finance)',
      tags: TAGS,
      security: SECURITY,
      before: [finance],
      responses: { 200: { description: 'Imports, newest first', schema: ReportImportListSchema } },
    },
    async () => ({ items: await reconciliation.recentImports() }),
  );

  api.route(
    {
      method: 'get',
      path: `${REPORT_IMPORT_PATH}/:id`,
      summary: 'One import with its diff lines (finance)',
      tags: TAGS,
      security: SECURITY,
      params: ImportIdParamsSchema,
      before: [finance],
      responses: { 200: { description: 'The import', schema: ReportImportSchema } },
    },
    ({ params }) => reconciliation.importById(params.id),
  );

  api.route(
    {
      method: 'post',
      path: `${REPORT_IMPORT_PATH}/:id/lines/:lineNo/apply`,
      summary: 'Apply one line through conversions (finance; audited; applying twice changes nothing)',
      tags: TAGS,
      security: SECURITY,
      params: ImportLineParamsSchema,
      before: [finance],
      responses: { 200: { description: 'The line after applying', schema: ApplyResultSchema } },
    },
    ({ params, req }) => reconciliation.apply(params.id, { lineNo: params.lineNo }, actorOf(req)),
  );

  api.route(
    {
      method: 'post',
      path: `${REPORT_IMPORT_PATH}/:id/apply`,
      summary: 'Apply every line of one kind not applied yet, through conversions (finance; audited)',
      tags: TAGS,
      security: SECURITY,
      params: ImportIdParamsSchema,
      body: ApplyLinesSchema,
      before: [finance],
      responses: { 200: { description: 'The lines applied now', schema: ApplyResultSchema } },
    },
    ({ params, body, req }) => reconciliation.apply(params.id, { kind: body.kind }, actorOf(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/reconciliation/settlements',
      summary:
        'Record that a network paid us for a set of conversions: each goes to settled (finance; audited)',
      description:
        'Needs the `Idempotency-Key` header (8–64 visible ASCII characters): the same key with the ' +
        'same body answers the same settlement (`Idempotent-Replayed: true`), with another body ' +
        '422 `IDEMPOTENCY_KEY_REUSED`. Refused (422) when the amount differs from the sum of the ' +
        'conversions’ commissions, unless a `note` explains it; all conversions settle or none.',
      tags: TAGS,
      security: SECURITY,
      headers: IdempotencyHeaderSchema,
      body: SettlementCreateSchema,
      before: [finance],
      responses: { 201: { description: 'The settlement', schema: SettlementSchema } },
    },
    async ({ body, req, res }) => {
      const key = idempotencyKeyOf(req, 'settlement');
      const outcome = await reconciliation.settle(body, key, actorOf(req));
      markReplayed(res, outcome.replayed);
      return outcome.settlement;
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/reconciliation/settlements',
      summary: 'The latest settlements (finance)',
      tags: TAGS,
      security: SECURITY,
      before: [finance],
      responses: { 200: { description: 'Settlements, newest first', schema: SettlementListSchema } },
    },
    async () => ({ items: await reconciliation.recentSettlements() }),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/reconciliation/overview',
      summary: 'Finance overview per network and currency, with totals from the ledger (finance)',
      tags: TAGS,
      security: SECURITY,
      before: [finance],
      responses: { 200: { description: 'The overview', schema: OverviewSchema } },
    },
    () => reconciliation.overview(),
  );
}
