import { NetworkHealthListSchema } from '@shared/contracts/admin-money.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { requireRole } from '../accounts/index.js';
import type { NetworkHealthService } from './network-health.service.js';

/**
 * `GET /admin/networks/health`. Register it before the catalogue's `/admin/networks/:slug`, which
 * would otherwise take "health" for a slug.
 */
export function registerNetworkHealthRoutes(api: ApiRouter, health: NetworkHealthService): void {
  api.route(
    {
      method: 'get',
      path: '/admin/networks/health',
      summary: 'Per network: the last postback, the last 24 hours, and whether it has gone silent',
      tags: ['admin'],
      security: [{ cookieSession: [] }],
      before: [requireRole('admin', 'support', 'finance')],
      responses: { 200: { description: 'Every network, by slug', schema: NetworkHealthListSchema } },
    },
    () => health.report(),
  );
}
