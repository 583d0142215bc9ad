import { randomBytes } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { SecretBox } from '../../platform/security/secret-box.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import { webhookKeyFromSecret } from '../../platform/security/standard-webhooks.js';
import type { AuditService } from '../audit/audit.service.js';
import { NetworkSecret } from './network-secret.entity.js';

const CACHE_MS = 10_000;
export const DEFAULT_GRACE_DAYS = 7;

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

  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async credentials(networkId: string): Promise<NetworkCredentials> {
    const now = this.clock.now();
    const cached = this.cache.get(networkId);
    if (cached && cached.until > now.getTime()) return cached.credentials;
    const secrets = await this.database.manager.find(NetworkSecret, {
      where: { networkId, revokedAt: IsNull() },
    });
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
  ): Promise<{ id: string; secret: string }> {
    const raw = randomBytes(32);
    const secret = kind === 'hmac' ? `whsec_${raw.toString('base64')}` : raw.toString('base64url');
    const saved = await this.database.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(NetworkSecret, {
          networkId,
          kind,
          label,
          sealedSecret: kind === 'hmac' ? this.box.seal(webhookKeyFromSecret(secret)) : null,
          tokenHash: kind === 'token' ? sha256Hex(secret) : null,
          createdAt: this.clock.now(),
          expiresAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(
        {
          action: 'network_changed',
          actor: actorUserId ? { kind: 'staff', userId: actorUserId } : { kind: 'system' },
          subjectUserId: null,
          client: { ip: null, userAgent: null },
          after: { networkId, credential: row.id, kind, label },
        },
        manager,
      );
      return row;
    });
    this.cache.delete(networkId);
    return { id: saved.id, secret };
  }

  /** Retires a credential after a grace period (0 days = at once). */
  async retire(networkId: string, secretId: string, graceDays: number, actorUserId: string): Promise<void> {
    const expiresAt = new Date(this.clock.now().getTime() + graceDays * 86400_000);
    const result = await this.database.run((manager) =>
      manager.update(NetworkSecret, { id: secretId, networkId, revokedAt: IsNull() }, { expiresAt }),
    );
    if (!result.affected) throw new AppError('NOT_FOUND', 404, 'There is no such credential.');
    await this.audit.record({
      action: 'network_changed',
      actor: { kind: 'staff', userId: actorUserId },
      subjectUserId: null,
      client: { ip: null, userAgent: null },
      after: { networkId, credential: secretId, expiresAt: expiresAt.toISOString() },
    });
    this.cache.delete(networkId);
  }

  list(networkId: string): Promise<NetworkSecret[]> {
    return this.database.manager.find(NetworkSecret, {
      where: { networkId, revokedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  /** The demo network's signing key (development only), creating it on first use. */
  async demoKey(networkId: string): Promise<Buffer> {
    const { hmacKeys } = await this.credentials(networkId);
    if (hmacKeys[0]) return hmacKeys[0];
    const { secret } = await this.create(networkId, 'hmac', 'demo', null);
    return webhookKeyFromSecret(secret);
  }
}
