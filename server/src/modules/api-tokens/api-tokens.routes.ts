import {
  ApiTokenCreateSchema,
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  IdParamsSchema,
} from '@shared/contracts/accounts.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireSession } from '../accounts/index.js';
import { toApiTokenView, type ApiTokensService } from './api-tokens.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];

/** Token management needs a logged-in browser: a token cannot mint or list tokens. */
export function registerApiTokenRoutes(api: ApiRouter, tokens: ApiTokensService): void {
  api.route(
    {
      method: 'get',
      path: '/me/tokens',
      summary: 'My personal access tokens (never the secrets)',
      tags: ['me'],
      security: SECURITY,
      before: [requireSession],
      responses: { 200: { description: 'Active tokens', schema: ApiTokenListSchema } },
    },
    async ({ req }) => ({ items: (await tokens.list(req.auth!.user.id)).map(toApiTokenView) }),
  );

  api.route(
    {
      method: 'post',
      path: '/me/tokens',
      summary: 'Create a personal access token for the companion app; the secret is shown only now',
      tags: ['me'],
      security: SECURITY,
      body: ApiTokenCreateSchema,
      before: [requireSession],
      responses: { 201: { description: 'Created', schema: ApiTokenCreatedSchema } },
    },
    async ({ body, req }) => {
      const created = await tokens.create(req.auth!.user.id, body, clientInfo(req));
      return { ...toApiTokenView(created.token), token: created.secret };
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/me/tokens/:id',
      summary: 'Revoke a token',
      tags: ['me'],
      security: SECURITY,
      params: IdParamsSchema,
      before: [requireSession],
      responses: { 204: { description: 'Revoked' } },
    },
    async ({ params, req }) => {
      await tokens.revoke(req.auth!.user.id, params.id, clientInfo(req));
    },
  );
}
