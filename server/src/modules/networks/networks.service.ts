import type {
  AdminNetwork,
  AdminNetworkQuery,
  NetworkCreate,
  NetworkSettings,
  NetworkUpdate,
} from '@shared/contracts/admin-catalogue.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { changedFields } from '../audit/index.js';
import type { AuditService } from '../audit/index.js';
import { bumpCatalogueVersion, type ShopsService } from '../shops/index.js';
import type { Network } from './network.entity.js';
import { NetworksRepository } from './networks.repository.js';

/** What the catalogue's admin services need; `shops` is the cached public catalogue to invalidate. */
export interface CatalogueDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  shops: ShopsService;
}

/** The staff member making a change, and from where (for the audit row). */
export interface StaffActor {
  userId: string;
  client: ClientInfo;
}

/**
 * Staff management of affiliate networks. A network's slug is its postback address, so it is set
 * once. Deactivating a network hides its shops from the catalogue, hence the version stamp moved
 * with every change and the cache invalidation after it.
 */
export class NetworksService {
  private readonly networks: NetworksRepository;

  constructor(private readonly deps: CatalogueDeps) {
    this.networks = new NetworksRepository(deps.database);
  }

  async list(query: AdminNetworkQuery) {
    const afterSlug = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['slug']).slug;
    const rows = await this.networks.page(query.limit, afterSlug);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toAdminNetwork),
      nextCursor: rows.length > query.limit ? encodeCursor({ slug: page.at(-1)!.slug }) : null,
    };
  }

  async get(slug: string): Promise<AdminNetwork> {
    const network = await this.networks.findBySlug(slug);
    if (!network) throw networkNotFound();
    return toAdminNetwork(network);
  }

  async create(actor: StaffActor, input: NetworkCreate): Promise<AdminNetwork> {
    const now = this.deps.clock.now();
    const network = await refuseTakenSlug('network', () =>
      this.deps.database.transaction(async (manager) => {
        const saved = await this.networks.insert(manager, { ...input, createdAt: now, updatedAt: now });
        await this.deps.audit.record(
          {
            action: 'network_changed',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: null,
            client: actor.client,
            before: null,
            after: { network: saved.slug, ...auditedFields(saved) },
          },
          manager,
        );
        await bumpCatalogueVersion(manager);
        return saved;
      }),
    );
    this.deps.shops.invalidate();
    return toAdminNetwork(network);
  }

  async update(actor: StaffActor, slug: string, patch: NetworkUpdate): Promise<AdminNetwork> {
    const now = this.deps.clock.now();
    const { network, changed } = await this.deps.database.transaction(async (manager) => {
      const current = await this.networks.findBySlugForUpdate(manager, slug);
      if (!current) throw networkNotFound();
      const change = changedFields(current, patch);
      if (!change) return { network: current, changed: false };
      await this.networks.update(manager, current.id, { ...change.after, updatedAt: now });
      await this.deps.audit.record(
        {
          action: 'network_changed',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          before: { network: slug, ...change.before },
          after: { network: slug, ...change.after },
        },
        manager,
      );
      await bumpCatalogueVersion(manager);
      return { network: { ...current, ...change.after, updatedAt: now }, changed: true };
    });
    if (changed) this.deps.shops.invalidate();
    return toAdminNetwork(network);
  }
}

export function networkNotFound(): AppError {
  return new AppError('NETWORK_NOT_FOUND', 404, 'There is no network with this slug.');
}

/** Runs an insert; a duplicate slug (a UNIQUE index, so also under a race) is a 409 SLUG_TAKEN. */
export async function refuseTakenSlug<T>(what: 'network' | 'shop', insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('SLUG_TAKEN', 409, `Another ${what} already has this slug.`, {
      errors: [{ path: 'slug', message: `another ${what} already has this slug` }],
    });
  }
}

function auditedFields(network: Network) {
  return { name: network.name, kind: network.kind, settings: network.settings, isActive: network.isActive };
}

export function toAdminNetwork(network: Network): AdminNetwork {
  return {
    id: network.id,
    slug: network.slug,
    name: network.name,
    kind: network.kind,
    settings: network.settings as NetworkSettings,
    isActive: network.isActive,
    createdAt: network.createdAt.toISOString(),
    updatedAt: network.updatedAt.toISOString(),
  };
}
