import {
  AdminCashbackRuleListSchema,
  AdminCashbackRuleSchema,
  AdminShopDetailSchema,
  AdminShopPageSchema,
  AdminShopParamsSchema,
  AdminShopQuerySchema,
  CashbackRuleCreateSchema,
  CashbackRuleParamsSchema,
  ShopCreateSchema,
  ShopUpdateSchema,
} from '@shared/contracts/admin-catalogue.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { changeCatalogue, readCatalogue, staffActor } from '../networks/index.js';
import type { ShopsAdminService } from './shops-admin.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];

export function registerShopAdminRoutes(api: ApiRouter, shops: ShopsAdminService): void {
  api.route(
    {
      method: 'get',
      path: '/admin/shops',
      summary: 'Shops, inactive ones included, by slug; filter by market, network, state or name',
      tags: ['admin'],
      security: SECURITY,
      query: AdminShopQuerySchema,
      before: [readCatalogue],
      responses: { 200: { description: 'A page of shops', schema: AdminShopPageSchema } },
    },
    ({ query }) => shops.list(query),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/shops',
      summary: 'Add a shop (admins; audited)',
      description:
        'The tracking template must be an absolute https URL with `{click_id}` as the value of the ' +
        "network's sub-ID parameter, and optionally `{to}` (the deep link) as another query value; " +
        'otherwise 400 INVALID_TRACKING_TEMPLATE.',
      tags: ['admin'],
      security: SECURITY,
      body: ShopCreateSchema,
      before: [changeCatalogue],
      responses: { 201: { description: 'Created', schema: AdminShopDetailSchema } },
    },
    ({ body, req }) => shops.create(staffActor(req), body),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/shops/:slug',
      summary: 'One shop with all its cashback rules, ended ones included',
      tags: ['admin'],
      security: SECURITY,
      params: AdminShopParamsSchema,
      before: [readCatalogue],
      responses: { 200: { description: 'The shop', schema: AdminShopDetailSchema } },
    },
    ({ params }) => shops.get(params.slug),
  );

  api.route(
    {
      method: 'patch',
      path: '/admin/shops/:slug',
      summary: 'Change a shop, e.g. deactivate it (admins; audited)',
      description:
        'The slug (in every shared /go link) and the market (the currency of its rules) cannot change.',
      tags: ['admin'],
      security: SECURITY,
      params: AdminShopParamsSchema,
      body: ShopUpdateSchema,
      before: [changeCatalogue],
      responses: { 200: { description: 'The shop', schema: AdminShopDetailSchema } },
    },
    ({ params, body, req }) => shops.update(staffActor(req), params.slug, body),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/shops/:slug/rules',
      summary: "A shop's cashback rules, ended ones included, newest first",
      tags: ['admin'],
      security: SECURITY,
      params: AdminShopParamsSchema,
      before: [readCatalogue],
      responses: { 200: { description: 'The rules', schema: AdminCashbackRuleListSchema } },
    },
    ({ params }) => shops.rules(params.slug),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/shops/:slug/rules',
      summary: 'Add a cashback rule (admins; audited)',
      description:
        'In force from `validFrom` (now when omitted; never in the past) until `validTo`. Rules are ' +
        'not edited: to change one, add the new rule and end the old one.',
      tags: ['admin'],
      security: SECURITY,
      params: AdminShopParamsSchema,
      body: CashbackRuleCreateSchema,
      before: [changeCatalogue],
      responses: { 201: { description: 'Created', schema: AdminCashbackRuleSchema } },
    },
    ({ params, body, req }) => shops.addRule(staffActor(req), params.slug, body),
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/shops/:slug/rules/:ruleId',
      summary: 'End a cashback rule now, keeping its history (admins; audited)',
      description:
        'A rule in force gets `validTo` = now and stays, because purchases from earlier clicks are ' +
        'paid by it; a scheduled rule (never in force) is removed; an ended rule is left as it is.',
      tags: ['admin'],
      security: SECURITY,
      params: CashbackRuleParamsSchema,
      before: [changeCatalogue],
      responses: { 204: { description: 'Ended (or removed, when it had not started)' } },
    },
    async ({ params, req }) => {
      await shops.endRule(staffActor(req), params.slug, params.ruleId);
    },
  );
}
