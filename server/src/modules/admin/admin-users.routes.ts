import {
  AdminUserPageSchema,
  AdminUserQuerySchema,
  AdminUserSchema,
  AuditPageSchema,
  IdParamsSchema,
  PageQuerySchema,
  RoleChangeSchema,
} from '@shared/contracts/accounts.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccountsService } from '../accounts/index.js';
import { toAuditView } from '../accounts/index.js';
import { requireRole } from '../accounts/index.js';
import type { User } from '../accounts/index.js';
import type { AuditService } from '../audit/index.js';

const SECURITY = [{ cookieSession: [] as string[] }];

function toAdminUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    role: user.role,
    market: user.marketCode,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Staff view of accounts: support and admins read (every read of a person's data is audited); only admins change roles. */
export function registerAdminUserRoutes(
  api: ApiRouter,
  deps: { accounts: AccountsService; audit: AuditService },
): void {
  api.route(
    {
      method: 'get',
      path: '/admin/users',
      summary: 'Find accounts by e-mail (prefix match)',
      tags: ['admin'],
      security: SECURITY,
      query: AdminUserQuerySchema,
      before: [requireRole('support', 'admin')],
      responses: { 200: { description: 'Accounts, newest first', schema: AdminUserPageSchema } },
    },
    async ({ query }) => {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['id']);
      if (after && !/^[1-9]\d{0,18}$/.test(after.id)) {
        throw new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
      }
      const users = await deps.accounts.findUsers({
        ...(query.email !== undefined ? { emailPrefix: query.email } : {}),
        ...(after ? { beforeId: after.id } : {}),
        limit: query.limit + 1,
      });
      const page = users.slice(0, query.limit);
      return {
        items: page.map(toAdminUser),
        nextCursor:
          users.length > query.limit && page.length > 0 ? encodeCursor({ id: page.at(-1)!.id }) : null,
      };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/users/:id',
      summary: "One account's personal data (the read is audited)",
      tags: ['admin'],
      security: SECURITY,
      params: IdParamsSchema,
      before: [requireRole('support', 'admin')],
      responses: { 200: { description: 'The account', schema: AdminUserSchema } },
    },
    async ({ params, req }) => {
      const user = await deps.accounts.findUser(params.id);
      if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
      await deps.audit.record({
        action: 'personal_data_viewed',
        actor: { kind: 'staff', userId: req.auth!.user.id },
        subjectUserId: user.id,
        client: clientInfo(req),
        after: { view: 'account' },
      });
      return toAdminUser(user);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/users/:id/audit',
      summary: "One account's audit history (the read is audited)",
      tags: ['admin'],
      security: SECURITY,
      params: IdParamsSchema,
      query: PageQuerySchema,
      before: [requireRole('support', 'admin')],
      responses: { 200: { description: 'Newest first', schema: AuditPageSchema } },
    },
    async ({ params, query, req }) => {
      await deps.audit.record({
        action: 'personal_data_viewed',
        actor: { kind: 'staff', userId: req.auth!.user.id },
        subjectUserId: params.id,
        client: clientInfo(req),
        after: { view: 'audit' },
      });
      const page = await deps.audit.pageForSubject(params.id, query.limit, query.cursor);
      return { items: page.items.map((entry) => toAuditView(entry, params.id)), nextCursor: page.nextCursor };
    },
  );

  api.route(
    {
      method: 'put',
      path: '/admin/users/:id/role',
      summary: "Change an account's role (admins only; audited)",
      tags: ['admin'],
      security: SECURITY,
      params: IdParamsSchema,
      body: RoleChangeSchema,
      before: [requireRole('admin')],
      responses: { 200: { description: 'The account', schema: AdminUserSchema } },
    },
    async ({ params, body, req }) =>
      toAdminUser(await deps.accounts.setRole(req.auth!.user, params.id, body.role, clientInfo(req))),
  );
}
