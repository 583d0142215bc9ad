import type { Request } from 'express';
import {
  StatementImportCreateSchema,
  StatementImportListSchema,
  StatementImportParamsSchema,
  StatementImportSchema,
} from '@shared/contracts/payout-statements.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireRole } from '../accounts/index.js';
import type { PayoutStatementsService, StatementActor } from './payout-statements.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
const TAGS = ['admin', 'payouts'];
const finance = requireRole('finance', 'admin');

const actorOf = (req: Request): StatementActor => ({ userId: req.auth!.user.id, client: clientInfo(req) });

/** Where statements are posted: `app.ts` gives this path a larger body limit than the API's default. */
export const PAYOUT_STATEMENTS_PATH = '/admin/payout-statements';

/** Finance imports the bank's statement of the payout account; every import is stored and audited. */
export function registerPayoutStatementRoutes(api: ApiRouter, statements: PayoutStatementsService): void {
  api.route(
    {
      method: 'post',
      path: PAYOUT_STATEMENTS_PATH,
      summary: 'Import a bank statement: matching exported payouts are marked paid (finance; audited)',
      description:
        'Outgoing lines match a payout by EndToEndId, else by variable symbol; the amount and currency ' +
        'must be the payout’s. Each line answers paid, already_paid, amount_differs, ' +
        'unknown_reference, not_exported, own_payout or ignored. `dryRun: true` answers the same ' +
        'without paying or storing anything (200). A file imported before (same SHA-256) answers ' +
        'that import with `replayed: true` (200) and changes nothing. An unreadable file is a 400 ' +
        '`PAYOUT_STATEMENT_INVALID` naming its problems.',
      tags: TAGS,
      security: SECURITY,
      body: StatementImportCreateSchema,
      before: [finance],
      responses: {
        201: { description: 'The import with its lines', schema: StatementImportSchema },
        200: {
          description: 'A dry run, or the earlier import of the same file',
          schema: StatementImportSchema,
        },
      },
    },
    async ({ body, req, res }) => {
      const outcome = await statements.importStatement(body, actorOf(req));
      res.status(outcome.created ? 201 : 200).json(outcome.view);
    },
  );

  api.route(
    {
      method: 'get',
      path: PAYOUT_STATEMENTS_PATH,
      summary: 'The latest bank statement imports (finance)',
      tags: TAGS,
      security: SECURITY,
      before: [finance],
      responses: { 200: { description: 'Imports, newest first', schema: StatementImportListSchema } },
    },
    async () => ({ items: await statements.recentImports() }),
  );

  api.route(
    {
      method: 'get',
      path: `${PAYOUT_STATEMENTS_PATH}/:id`,
      summary: 'One bank statement import with its lines (finance)',
      tags: TAGS,
      security: SECURITY,
      params: StatementImportParamsSchema,
      before: [finance],
      responses: { 200: { description: 'The import', schema: StatementImportSchema } },
    },
    ({ params }) => statements.importById(params.id),
  );
}
