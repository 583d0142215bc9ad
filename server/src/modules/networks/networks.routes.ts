import {
  AdminNetworkPageSchema,
  AdminNetworkQuerySchema,
  AdminNetworkSchema,
  NetworkCreateSchema,
  NetworkSlugParamsSchema,
  NetworkUpdateSchema,
} from '@shared/contracts/admin-catalogue.js';
import type { Request } from 'express';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { requireRole } from '../accounts/index.js';
import type { NetworksService, StaffActor } from './networks.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
/** Every staff role reads the catalogue; only admins change it. */
export const readCatalogue = requireRole('admin', 'support', 'finance');
export const changeCatalogue = requireRole('admin');

export function staffActor(req: Request): StaffActor {
  return { userId: req.auth!.user.id, client: clientInfo(req) };
}

export function registerNetworkRoutes(api: ApiRouter, networks: NetworksService): void {
  api.route(
    {
      method: 'get',
      path: '/admin/networks',
      summary: 'Affiliate networks, inactive ones included, by slug',
      tags: ['admin'],
      security: SECURITY,
      query: AdminNetworkQuerySchema,
      before: [readCatalogue],
      responses: { 200: { description: 'A page of networks', schema: AdminNetworkPageSchema } },
    },
    ({ query }) => networks.list(query),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/networks',
      summary: 'Add an affiliate network (admins; audited)',
      tags: ['admin'],
      security: SECURITY,
      body: NetworkCreateSchema,
      before: [changeCatalogue],
      responses: { 201: { description: 'Created', schema: AdminNetworkSchema } },
    },
    ({ body, req }) => networks.create(staffActor(req), body),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/networks/:slug',
      summary: 'One affiliate network',
      tags: ['admin'],
      security: SECURITY,
      params: NetworkSlugParamsSchema,
      before: [readCatalogue],
      responses: { 200: { description: 'The network', schema: AdminNetworkSchema } },
    },
    ({ params }) => networks.get(params.slug),
  );

  api.route(
    {
      method: 'patch',
      path: '/admin/networks/:slug',
      summary: 'Change a network; deactivating it hides its shops (admins; audited)',
      description: 'The slug is the postback address and cannot change.',
      tags: ['admin'],
      security: SECURITY,
      params: NetworkSlugParamsSchema,
      body: NetworkUpdateSchema,
      before: [changeCatalogue],
      responses: { 200: { description: 'The network', schema: AdminNetworkSchema } },
    },
    ({ params, body, req }) => networks.update(staffActor(req), params.slug, body),
  );
}
