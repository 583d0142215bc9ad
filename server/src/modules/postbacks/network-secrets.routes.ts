import { NetworkSlugParamsSchema } from '@shared/contracts/admin-catalogue.js';
import {
  CredentialRetireQuerySchema,
  NetworkCredentialCreatedSchema,
  NetworkCredentialCreateSchema,
  NetworkCredentialListSchema,
  NetworkCredentialParamsSchema,
  NetworkCredentialSchema,
  type NetworkCredential,
} from '@shared/contracts/admin-money.js';
import type { Database } from '../../platform/db/database.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import { requireRole } from '../accounts/index.js';
import type { Network } from '../networks/index.js';
import { NetworksRepository } from '../networks/index.js';
import { networkNotFound } from '../networks/index.js';
import type { NetworkSecret } from './network-secret.entity.js';
import type { NetworkSecretsService } from './network-secrets.service.js';

const SECURITY = [{ cookieSession: [] as string[] }];
/** Credentials let anyone who holds them move money: only admins see or change them. */
const manageCredentials = requireRole('admin');

function toCredential(secret: NetworkSecret): NetworkCredential {
  return {
    id: secret.id,
    kind: secret.kind,
    label: secret.label,
    createdAt: secret.createdAt.toISOString(),
    expiresAt: secret.expiresAt?.toISOString() ?? null,
  };
}

/**
 * `/admin/networks/:slug/credentials`: the secrets networks prove themselves with (DESIGN §5).
 * A secret is shown once, when created; lists show only what identifies it. Rotation is "create
 * the new one, hand it over, retire the old one with a grace period". Changes are audited by the
 * service, and its credential cache is dropped at once, so a retired key stops verifying here
 * immediately (other processes follow within their 10 s cache).
 */
export function registerNetworkSecretRoutes(
  api: ApiRouter,
  deps: { database: Database; secrets: NetworkSecretsService; publicUrl: string },
): void {
  const networks = new NetworksRepository(deps.database);
  const networkOf = async (slug: string): Promise<Network> => {
    const network = await networks.findBySlug(slug);
    if (!network) throw networkNotFound();
    return network;
  };

  api.route(
    {
      method: 'get',
      path: '/admin/networks/:slug/credentials',
      summary: "A network's postback credentials, without their secrets (admins)",
      tags: ['admin'],
      security: SECURITY,
      params: NetworkSlugParamsSchema,
      before: [manageCredentials],
      responses: { 200: { description: 'Credentials, oldest first', schema: NetworkCredentialListSchema } },
    },
    async ({ params }) => {
      const network = await networkOf(params.slug);
      return { items: (await deps.secrets.list(network.id)).map(toCredential) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/networks/:slug/credentials',
      summary: 'Create a postback credential; its secret is shown this once (admins; audited)',
      description:
        'A network on our signed protocol gets an `hmac` secret (`whsec_…`, Standard Webhooks); a ' +
        'template network gets a `token`, answered with the postback URL that carries it.',
      tags: ['admin'],
      security: SECURITY,
      params: NetworkSlugParamsSchema,
      body: NetworkCredentialCreateSchema,
      before: [manageCredentials],
      responses: { 201: { description: 'Created', schema: NetworkCredentialCreatedSchema } },
    },
    async ({ params, body, req }) => {
      const network = await networkOf(params.slug);
      const expected = network.kind === 'signed' ? 'hmac' : 'token';
      if (body.kind !== expected) {
        throw new AppError(
          'CREDENTIAL_KIND_MISMATCH',
          400,
          `A ${network.kind} network verifies postbacks with ${expected === 'hmac' ? 'an hmac secret' : 'a token'}.`,
          { errors: [{ path: 'kind', message: `this network needs ${expected}` }] },
        );
      }
      const created = await deps.secrets.create(
        network.id,
        body.kind,
        body.label,
        req.auth!.user.id,
        clientInfo(req),
      );
      return {
        ...toCredential(created.credential),
        secret: created.secret,
        postbackUrl:
          body.kind === 'token'
            ? `${deps.publicUrl}/postback/${network.slug}?token=${encodeURIComponent(created.secret)}`
            : null,
      };
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/networks/:slug/credentials/:id',
      summary: 'Retire a credential after a grace period; graceDays=0 retires it now (admins; audited)',
      description: 'Retiring never extends: a credential already expiring sooner keeps its date.',
      tags: ['admin'],
      security: SECURITY,
      params: NetworkCredentialParamsSchema,
      query: CredentialRetireQuerySchema,
      before: [manageCredentials],
      responses: { 200: { description: 'The credential with its expiry', schema: NetworkCredentialSchema } },
    },
    async ({ params, query, req }) => {
      const network = await networkOf(params.slug);
      const retired = await deps.secrets.retire(
        network.id,
        params.id,
        query.graceDays,
        req.auth!.user.id,
        clientInfo(req),
      );
      return toCredential(retired);
    },
  );
}
