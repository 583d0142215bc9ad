import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import type { SecretBox } from '../../platform/security/secret-box.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import { webhookKeyFromSecret } from '../../platform/security/standard-webhooks.js';
import type { AuditService } from '../audit/index.js';
import type { NetworkSecret } from './network-secret.entity.js';
import { NetworkSecretsRepository } from './network-secrets.repository.js';

const CACHE_MS = 10_000;
export const DEFAULT_GRACE_DAYS = 7;
const NO_CLIENT: ClientInfo = { ip: null, userAgent: null };

export interface NetworkCredentials {
  /** Standard Webhooks keys currently accepted (several during a rotation). */
  hmacKeys: Buffer[];
  /** SHA-256 of the URL tokens currently accepted. */
  tokenHashes: string[];
}

/**
 * Networks' postback credentials. Shown once when created; HMAC keys sealed with SECRETS_KEY,
 * URL tokens hashed. Rotation: create a new credential, then retire the old one with a grace
 * period during which both verify.
 */
export class NetworkSecretsService {
  private readonly cache = new Map<string, { credentials: NetworkCredentials; until: number }>();
  private readonly secrets: NetworkSecretsRepository;

  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.secrets = new NetworkSecretsRepository(database);
  }

  async credentials(networkId: string): Promise<NetworkCredentials> {
    const now = this.clock.now();
    const cached = this.cache.get(networkId);
    if (cached && cached.until > now.getTime()) return cached.credentials;
    const secrets = await this.secrets.unrevoked(networkId);
    const active = secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > now);
    const credentials = {
      hmacKeys: active
        .filter((secret) => secret.kind === 'hmac' && secret.sealedSecret)
        .map((secret) => this.box.open(secret.sealedSecret!)),
      tokenHashes: active
        .filter((secret) => secret.kind === 'token' && secret.tokenHash)
        .map((secret) => secret.tokenHash!),
    };
    this.cache.set(networkId, { credentials, until: now.getTime() + CACHE_MS });
    return credentials;
  }

  /** Creates a credential and returns its secret, which is never shown again. */
  async create(
    networkId: string,
    kind: 'hmac' | 'token',
    label: string,
    actorUserId: string | null,
    client: ClientInfo = NO_CLIENT,
  ): Promise<{ id: string; secret: string; credential: NetworkSecret }> {
    const raw = randomBytes(32);
    const secret = kind === 'hmac' ? `whsec_${raw.toString('base64')}` : raw.toString('base64url');
    const saved = await this.database.transaction(async (manager) => {
      const row = await this.secrets.insert(manager, {
        networkId,
        kind,
        label,
        sealedSecret: kind === 'hmac' ? this.box.seal(webhookKeyFromSecret(secret)) : null,
        tokenHash: kind === 'token' ? sha256Hex(secret) : null,
        createdAt: this.clock.now(),
        expiresAt: null,
        revokedAt: null,
      });
      await this.audit.record(
        {
          action: 'network_changed',
          actor: actorUserId ? { kind: 'staff', userId: actorUserId } : { kind: 'system' },
          subjectUserId: null,
          client,
          after: { networkId, credential: row.id, kind, label },
        },
        manager,
      );
      return row;
    });
    this.cache.delete(networkId);
    return { id: saved.id, secret, credential: saved };
  }

  /**
   * Retires a credential after a grace period (0 days = at once). Retiring never extends: a
   * credential already set to expire sooner keeps its date (so a retired key cannot be revived).
   * Returns the credential as it now is.
   */
  async retire(
    networkId: string,
    secretId: string,
    graceDays: number,
    actorUserId: string,
    client: ClientInfo = NO_CLIENT,
  ): Promise<NetworkSecret> {
    const expiresAt = new Date(this.clock.now().getTime() + graceDays * 86400_000);
    const credential = await this.database.transaction(async (manager) => {
      const current = await this.secrets.findUnrevokedForUpdate(manager, networkId, secretId);
      if (!current) throw new AppError('CREDENTIAL_NOT_FOUND', 404, 'There is no such credential.');
      if (current.expiresAt !== null && current.expiresAt <= expiresAt) return current;
      await this.secrets.setExpiry(manager, networkId, current.id, expiresAt);
      await this.audit.record(
        {
          action: 'network_changed',
          actor: { kind: 'staff', userId: actorUserId },
          subjectUserId: null,
          client,
          before: { networkId, credential: secretId, expiresAt: current.expiresAt?.toISOString() ?? null },
          after: { networkId, credential: secretId, expiresAt: expiresAt.toISOString() },
        },
        manager,
      );
      return { ...current, expiresAt };
    });
    this.cache.delete(networkId);
    return credential;
  }

  list(networkId: string): Promise<NetworkSecret[]> {
    return this.secrets.listUnrevoked(networkId);
  }

  /** The demo network's signing key (development only), creating it on first use. */
  async demoKey(networkId: string): Promise<Buffer> {
    const { hmacKeys } = await this.credentials(networkId);
    if (hmacKeys[0]) return hmacKeys[0];
    const { secret } = await this.create(networkId, 'hmac', 'demo', null);
    return webhookKeyFromSecret(secret);
  }
}
