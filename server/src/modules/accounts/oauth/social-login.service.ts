import type { EntityManager } from 'typeorm';
import type { Provider } from '@shared/contracts/accounts.js';
import type { Language, MarketCode } from '@shared/markets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/errors.js';
import type { ClientInfo } from '../../../platform/http/client-info.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AuditService } from '../../audit/index.js';
import { AccountsRepository } from '../accounts.repository.js';
import type { AccountsService } from '../accounts.service.js';
import type { User } from '../user.entity.js';
import type { ProviderProfile } from './oauth-provider.js';

const MAX_SUBJECT_LENGTH = 255;

export type SocialLoginOutcome =
  /** Log this user in; `created` when the account was made just now. */
  | { kind: 'logged_in'; user: User; created: boolean }
  /** The address belongs to another account: its owner logs in and links from settings. */
  | { kind: 'link_required' }
  /** A new person, but the provider gave no usable address to open an account with. */
  | { kind: 'email_missing' };

export interface SocialLoginDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  accounts: AccountsService;
}

/**
 * Accounts behind Facebook and MojeID logins. An identity is found by the provider's subject id
 * only; an e-mail address never merges a provider login into an existing account — the owner
 * links it from settings while logged in. Every change is audited in its transaction.
 */
export class SocialLoginService {
  private readonly repository: AccountsRepository;

  constructor(private readonly deps: SocialLoginDeps) {
    this.repository = new AccountsRepository(deps.database);
  }

  /** A login through a provider: the linked account, a new account, or a refusal to merge. */
  async login(
    provider: Provider,
    profile: ProviderProfile,
    preferences: { market: MarketCode; language: Language },
    client: ClientInfo,
  ): Promise<SocialLoginOutcome> {
    assertSubject(profile);
    const outcome = await this.retryOnceOnDuplicate(() =>
      this.deps.database.transaction((manager) =>
        this.resolveLogin(manager, provider, profile, preferences, client),
      ),
    );
    if (outcome.kind === 'logged_in' && outcome.created && !outcome.user.emailVerifiedAt) {
      // The provider did not vouch for the address: confirm it like after a password registration.
      await this.deps.accounts.resendVerification(outcome.user.id);
    }
    return outcome;
  }

  private async resolveLogin(
    manager: EntityManager,
    provider: Provider,
    profile: ProviderProfile,
    preferences: { market: MarketCode; language: Language },
    client: ClientInfo,
  ): Promise<SocialLoginOutcome> {
    const identity = await this.repository.findIdentityBySubject(provider, profile.subject, manager);
    if (identity) {
      const user = await this.repository.findUserById(identity.userId, manager);
      if (!user) throw new Error(`identity ${identity.id} points to a missing user`);
      await this.deps.audit.record(
        {
          action: 'login',
          actor: { kind: 'user', userId: user.id },
          subjectUserId: user.id,
          client,
          after: { method: provider },
        },
        manager,
      );
      return { kind: 'logged_in', user, created: false };
    }

    if (!profile.email) return { kind: 'email_missing' };
    const owner = await this.repository.findUserByEmail(profile.email, manager);
    if (owner) {
      await this.deps.audit.record(
        {
          action: 'login_failed',
          actor: { kind: 'anonymous' },
          subjectUserId: owner.id,
          client,
          after: { method: provider, reason: 'email_belongs_to_account' },
        },
        manager,
      );
      return { kind: 'link_required' };
    }

    const now = this.deps.clock.now();
    // 18+ and the terms stay unconfirmed: the shopper confirms them in onboarding before first use.
    const user = await this.repository.insertUser(
      {
        email: profile.email,
        emailVerifiedAt: profile.emailVerified ? now : null,
        passwordHash: null,
        role: 'shopper',
        marketCode: preferences.market,
        language: preferences.language,
        displayName: null,
        adultConfirmedAt: null,
        termsVersion: null,
        termsAcceptedAt: null,
        privacyVersion: null,
        privacyAcceptedAt: null,
        createdAt: now,
        updatedAt: now,
      },
      manager,
    );
    await this.insertIdentity(manager, user.id, provider, profile);
    const actor = { kind: 'user' as const, userId: user.id };
    await this.deps.audit.record(
      {
        action: 'register',
        actor,
        subjectUserId: user.id,
        client,
        after: {
          method: provider,
          email: user.email,
          emailVerified: profile.emailVerified,
          market: user.marketCode,
          language: user.language,
        },
      },
      manager,
    );
    await this.deps.audit.record(
      {
        action: 'provider_linked',
        actor,
        subjectUserId: user.id,
        client,
        after: { provider, email: profile.email },
      },
      manager,
    );
    await this.deps.audit.record(
      { action: 'login', actor, subjectUserId: user.id, client, after: { method: provider } },
      manager,
    );
    return { kind: 'logged_in', user, created: true };
  }

  /** Refuses early (before the provider round trip) when linking cannot succeed. */
  async assertCanLink(userId: string, provider: Provider): Promise<void> {
    const existing = await this.repository.findIdentity(userId, provider);
    if (existing) throw providerAlreadyLinked(provider);
  }

  /** Links a provider login to the logged-in account (from settings, never automatically). */
  async link(
    userId: string,
    provider: Provider,
    profile: ProviderProfile,
    client: ClientInfo,
  ): Promise<'linked' | 'already_linked'> {
    assertSubject(profile);
    try {
      return await this.deps.database.transaction(async (manager) => {
        const identity = await this.repository.findIdentityBySubject(provider, profile.subject, manager);
        if (identity?.userId === userId) return 'already_linked';
        if (identity) throw identityLinkedElsewhere(provider);
        if (await this.repository.findIdentity(userId, provider, manager))
          throw providerAlreadyLinked(provider);
        await this.insertIdentity(manager, userId, provider, profile);
        await this.deps.audit.record(
          {
            action: 'provider_linked',
            actor: { kind: 'user', userId },
            subjectUserId: userId,
            client,
            after: { provider, email: profile.email },
          },
          manager,
        );
        return 'linked';
      });
    } catch (error) {
      // Another request linked the same login in the meantime.
      if (isUniqueViolation(error)) throw identityLinkedElsewhere(provider);
      throw error;
    }
  }

  /** Removes a provider login, unless it is the only way left into the account. */
  async unlink(userId: string, provider: Provider, client: ClientInfo): Promise<void> {
    await this.deps.database.transaction(async (manager) => {
      // The user row lock serialises concurrent unlinks, so two cannot remove the last two logins.
      const user = await this.repository.lockUser(userId, manager);
      if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
      const identities = await this.repository.listIdentities(userId, manager);
      const removed = identities.filter((identity) => identity.provider === provider);
      if (removed.length === 0)
        throw new AppError('NOT_FOUND', 404, `No ${provider} login is linked to this account.`);
      if (user.passwordHash === null && removed.length === identities.length) {
        throw new AppError(
          'LAST_LOGIN_METHOD',
          409,
          'This is the only way into your account. Set a password or link another login first.',
        );
      }
      await this.repository.deleteIdentities(userId, provider, manager);
      await this.deps.audit.record(
        {
          action: 'provider_unlinked',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before: { provider, email: removed[0]!.email },
        },
        manager,
      );
    });
  }

  private async insertIdentity(
    manager: EntityManager,
    userId: string,
    provider: Provider,
    profile: ProviderProfile,
  ): Promise<void> {
    await this.repository.insertIdentity(
      { userId, provider, subject: profile.subject, email: profile.email, createdAt: this.deps.clock.now() },
      manager,
    );
  }

  /** A concurrent first login with the same subject or address: the second run sees the winner. */
  private async retryOnceOnDuplicate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return work();
    }
  }
}

function assertSubject(profile: ProviderProfile): void {
  if (profile.subject === '' || profile.subject.length > MAX_SUBJECT_LENGTH) {
    throw new Error('the provider returned an unusable subject id');
  }
}

const identityLinkedElsewhere = (provider: Provider) =>
  new AppError(
    'IDENTITY_LINKED_ELSEWHERE',
    409,
    `This ${provider} login already belongs to another account.`,
  );

const providerAlreadyLinked = (provider: Provider) =>
  new AppError(
    'PROVIDER_ALREADY_LINKED',
    409,
    `Another ${provider} login is already linked to your account. Unlink it first.`,
  );
