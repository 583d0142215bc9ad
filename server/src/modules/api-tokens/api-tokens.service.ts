import { randomBytes } from 'node:crypto';
import type { TokenScope } from '@shared/contracts/accounts.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import { sha256Hex } from '../../platform/security/signed-tokens.js';
import type { AuditService } from '../audit/index.js';
import type { ApiToken } from './api-token.entity.js';
import { ApiTokensRepository } from './api-tokens.repository.js';

/** Recognisable prefix, so leaked tokens can be found by secret scanners. */
const TOKEN_PREFIX = 'vrk_';
const MAX_ACTIVE_TOKENS = 20;

export function toApiTokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

/** Personal access tokens for the companion app: shown once, stored as SHA-256, scoped, revocable. */
export class ApiTokensService {
  private readonly tokens: ApiTokensRepository;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.tokens = new ApiTokensRepository(database);
  }

  async create(
    userId: string,
    input: { name: string; scopes: TokenScope[]; expiresInDays?: number | undefined },
    client: ClientInfo,
  ): Promise<{ token: ApiToken; secret: string }> {
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const scopes = [...new Set(input.scopes)].sort();
    const token = await this.database.transaction(async (manager) => {
      const active = await this.tokens.countActive(manager, userId);
      if (active >= MAX_ACTIVE_TOKENS) {
        throw new AppError(
          'TOO_MANY_TOKENS',
          409,
          `Revoke a token first; at most ${MAX_ACTIVE_TOKENS} can be active.`,
        );
      }
      const saved = await this.tokens.insert(manager, {
        userId,
        name: input.name,
        tokenHash: sha256Hex(secret),
        prefix: secret.slice(0, 10),
        scopes,
        createdAt: now,
        lastUsedAt: null,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400_000) : null,
        revokedAt: null,
      });
      await this.audit.record(
        {
          action: 'token_created',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: { id: saved.id, name: saved.name, scopes },
        },
        manager,
      );
      return saved;
    });
    return { token, secret };
  }

  list(userId: string): Promise<ApiToken[]> {
    return this.tokens.listActive(userId);
  }

  async revoke(userId: string, tokenId: string, client: ClientInfo): Promise<void> {
    await this.database.transaction(async (manager) => {
      const token = await this.tokens.findActive(manager, userId, tokenId);
      if (!token) throw new AppError('NOT_FOUND', 404, 'There is no such token.');
      await this.tokens.revoke(manager, userId, token.id, this.clock.now());
      await this.audit.record(
        {
          action: 'token_revoked',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before: { id: token.id, name: token.name },
        },
        manager,
      );
    });
  }

  /** The active token for a presented secret, or undefined. Records when it was last used. */
  async authenticate(secret: string): Promise<ApiToken | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
    const token = await this.tokens.findActiveByHash(sha256Hex(secret));
    const now = this.clock.now();
    if (!token || (token.expiresAt && token.expiresAt <= now)) return undefined;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await this.tokens.markUsed(token.userId, token.id, now);
    }
    return token;
  }
}
