import type { EntityManager } from 'typeorm';
import type { LoginRequest, Me, ProfilePatch, RegisterRequest, Role } from '@shared/contracts/accounts.js';
import { CURRENT_PRIVACY_VERSION, CURRENT_TERMS_VERSION, type MarketingCategory } from '@shared/legal.js';
import type { Language, MarketCode } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import { enqueueMail, type OutboxDispatcher } from '../../platform/mail/outbox.js';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.js';
import { sha256Hex, type SignedTokens } from '../../platform/security/signed-tokens.js';
import type { AuditService } from '../audit/audit.service.js';
import { accountMail } from './account-mails.js';
import { recordConsents } from './consent.service.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { DatabaseSessionStore } from './session-store.js';
import { UsedLinkToken } from './used-link-token.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { User } from './user.entity.js';

const CURRENT_VERSIONS = { terms: CURRENT_TERMS_VERSION, privacy: CURRENT_PRIVACY_VERSION };
const HOUR_S = 3600;
const VERIFY_LINK_TTL_S = 48 * HOUR_S;
const RESET_LINK_TTL_S = HOUR_S;

export const LINK_PURPOSES = {
  verifyEmail: 'verify-email',
  passwordReset: 'password-reset',
  emailChange: 'email-change',
} as const;

const invalidCredentials = () =>
  new AppError('INVALID_CREDENTIALS', 401, 'The e-mail or the password is not right.');
const invalidLink = () => new AppError('LINK_INVALID', 400, 'This link is invalid, expired or already used.');

export interface AccountsDeps {
  database: Database;
  clock: Clock;
  tokens: SignedTokens;
  audit: AuditService;
  sessions: DatabaseSessionStore;
  outbox: OutboxDispatcher;
  publicUrl: string;
}

/**
 * Registration, login and everything a shopper changes about their account. Every change is
 * audited in the same transaction, and the mail it causes is queued in that transaction too.
 * Answers never reveal whether an e-mail address has an account.
 */
export class AccountsService {
  /** A real hash to verify against for unknown e-mails, so both paths cost the same. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly deps: AccountsDeps) {
    this.dummyHash = hashPassword('timing-equaliser-not-a-real-password');
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private link(path: string, token: string): string {
    // The token travels in the fragment: it never reaches server logs or the Referer header.
    return `${this.deps.publicUrl}${path}#token=${encodeURIComponent(token)}`;
  }

  async register(input: RegisterRequest, client: ClientInfo): Promise<void> {
    assertAcceptablePassword(input.password, input.email);
    const passwordHash = await hashPassword(input.password);
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const existing = await manager.findOneBy(User, { email: input.email });
      if (existing) {
        await this.queueAccountExistsMail(manager, existing, now);
        return;
      }
      try {
        const user = await this.insertUser(manager, {
          email: input.email,
          passwordHash,
          market: input.market,
          language: input.language,
          acceptedAt: now,
        });
        await recordConsents(manager, user.id, input.marketing ?? {}, 'registration', client, now);
        await this.deps.audit.record(
          {
            action: 'register',
            actor: { kind: 'user', userId: user.id },
            subjectUserId: user.id,
            client,
            after: {
              email: user.email,
              market: user.marketCode,
              language: user.language,
              marketing: input.marketing ?? {},
            },
          },
          manager,
        );
        await this.queueVerificationMail(manager, user, now);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A concurrent registration won the race for this address; answer the same way.
      }
    });
    this.deps.outbox.kick();
  }

  private async insertUser(
    manager: EntityManager,
    input: {
      email: string;
      passwordHash: string | null;
      market: MarketCode;
      language: Language;
      acceptedAt: Date | null;
      emailVerifiedAt?: Date | null;
    },
  ): Promise<User> {
    const now = this.now();
    return manager.save(
      manager.create(User, {
        email: input.email,
        emailVerifiedAt: input.emailVerifiedAt ?? null,
        passwordHash: input.passwordHash,
        role: 'shopper',
        marketCode: input.market,
        language: input.language,
        displayName: null,
        adultConfirmedAt: input.acceptedAt,
        termsVersion: input.acceptedAt ? CURRENT_VERSIONS.terms : null,
        termsAcceptedAt: input.acceptedAt,
        privacyVersion: input.acceptedAt ? CURRENT_VERSIONS.privacy : null,
        privacyAcceptedAt: input.acceptedAt,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  private async queueVerificationMail(manager: EntityManager, user: User, now: Date): Promise<void> {
    const token = this.deps.tokens.sign({
      purpose: LINK_PURPOSES.verifyEmail,
      subject: user.id,
      expiresAt: Math.floor(now.getTime() / 1000) + VERIFY_LINK_TTL_S,
      data: { email: user.email },
    });
    await enqueueMail(
      manager,
      {
        ...accountMail('verify', user.language, user.email, this.link('/verify-email', token)),
        userId: user.id,
      },
      now,
    );
  }

  private async queueAccountExistsMail(manager: EntityManager, user: User, now: Date): Promise<void> {
    await enqueueMail(
      manager,
      {
        ...accountMail('exists', user.language, user.email, `${this.deps.publicUrl}/login`),
        userId: user.id,
      },
      now,
    );
  }

  /** Checks the password; the same error and similar cost whether or not the e-mail exists. */
  async login(input: LoginRequest, client: ClientInfo): Promise<User> {
    const user = await this.deps.database.manager.findOneBy(User, { email: input.email });
    const valid = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyPassword(await this.dummyHash, input.password).then(() => false);
    if (!user || !valid) {
      await this.deps.audit.record({
        action: 'login_failed',
        actor: { kind: 'anonymous' },
        subjectUserId: user?.id ?? null,
        client,
        after: { method: 'password' },
      });
      throw invalidCredentials();
    }
    await this.deps.audit.record({
      action: 'login',
      actor: { kind: 'user', userId: user.id },
      subjectUserId: user.id,
      client,
      after: { method: 'password', remember: input.remember },
    });
    return user;
  }

  async resendVerification(userId: string): Promise<void> {
    const user = await this.getUser(userId);
    if (user.emailVerifiedAt) return;
    await this.deps.database.transaction((manager) => this.queueVerificationMail(manager, user, this.now()));
    this.deps.outbox.kick();
  }

  async verifyEmail(token: string, client: ClientInfo): Promise<void> {
    const payload = this.deps.tokens.verify(token, LINK_PURPOSES.verifyEmail, this.now());
    if (!payload) throw invalidLink();
    await this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id: payload.subject });
      // A link for an address the account no longer has must not verify the new one.
      if (!user || user.email !== payload.data?.email) throw invalidLink();
      if (user.emailVerifiedAt) return;
      await manager.update(User, { id: user.id }, { emailVerifiedAt: this.now(), updatedAt: this.now() });
      await this.deps.audit.record(
        {
          action: 'email_verified',
          actor: { kind: 'user', userId: user.id },
          subjectUserId: user.id,
          client,
          after: { email: user.email },
        },
        manager,
      );
    });
  }

  async requestPasswordReset(email: string, client: ClientInfo): Promise<void> {
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { email });
      if (!user) return;
      const token = this.deps.tokens.sign({
        purpose: LINK_PURPOSES.passwordReset,
        subject: user.id,
        expiresAt: Math.floor(now.getTime() / 1000) + RESET_LINK_TTL_S,
      });
      await enqueueMail(
        manager,
        {
          ...accountMail('reset', user.language, user.email, this.link('/reset-password', token)),
          userId: user.id,
        },
        now,
      );
      await this.deps.audit.record(
        { action: 'password_reset_requested', actor: { kind: 'anonymous' }, subjectUserId: user.id, client },
        manager,
      );
    });
    this.deps.outbox.kick();
  }

  /** Sets a new password from a reset link (once), verifies the e-mail, and ends every session. */
  async confirmPasswordReset(token: string, password: string, client: ClientInfo): Promise<void> {
    const payload = this.deps.tokens.verify(token, LINK_PURPOSES.passwordReset, this.now());
    if (!payload) throw invalidLink();
    const user = await this.deps.database.manager.findOneBy(User, { id: payload.subject });
    if (!user) throw invalidLink();
    assertAcceptablePassword(password, user.email);
    const passwordHash = await hashPassword(password);
    await this.deps.database.transaction(async (manager) => {
      await this.consumeLink(manager, token, LINK_PURPOSES.passwordReset, user.id);
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? this.now(), updatedAt: this.now() },
      );
      await this.deps.audit.record(
        {
          action: 'password_reset',
          actor: { kind: 'user', userId: user.id },
          subjectUserId: user.id,
          client,
        },
        manager,
      );
    });
    await this.deps.sessions.destroyAllForUser(user.id);
  }

  /** Marks a signed link used; a second use hits the primary key and is refused. */
  private async consumeLink(
    manager: EntityManager,
    token: string,
    purpose: string,
    userId: string,
  ): Promise<void> {
    try {
      await manager.insert(UsedLinkToken, {
        tokenHash: sha256Hex(token),
        purpose,
        userId,
        usedAt: this.now(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw invalidLink();
      throw error;
    }
  }

  async changePassword(
    userId: string,
    input: { currentPassword: string; newPassword: string; endOtherSessions: boolean },
    currentSessionHash: string | undefined,
    client: ClientInfo,
  ): Promise<{ endedSessions: number }> {
    const user = await this.getUser(userId);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('INVALID_CURRENT_PASSWORD', 400, 'The current password is not right.', {
        errors: [{ path: 'currentPassword', message: 'not right' }],
      });
    }
    assertAcceptablePassword(input.newPassword, user.email);
    const passwordHash = await hashPassword(input.newPassword);
    await this.deps.database.transaction(async (manager) => {
      await manager.update(User, { id: userId }, { passwordHash, updatedAt: this.now() });
      await this.deps.audit.record(
        {
          action: 'password_changed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: { endOtherSessions: input.endOtherSessions },
        },
        manager,
      );
    });
    const endedSessions = input.endOtherSessions
      ? await this.deps.sessions.destroyAllForUser(userId, currentSessionHash)
      : 0;
    return { endedSessions };
  }

  async requestEmailChange(
    userId: string,
    currentPassword: string,
    newEmail: string,
    client: ClientInfo,
  ): Promise<void> {
    const user = await this.getUser(userId);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('INVALID_CURRENT_PASSWORD', 400, 'The current password is not right.', {
        errors: [{ path: 'currentPassword', message: 'not right' }],
      });
    }
    if (newEmail === user.email)
      throw new AppError('EMAIL_UNCHANGED', 400, 'This is already your e-mail address.');
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const token = this.deps.tokens.sign({
        purpose: LINK_PURPOSES.emailChange,
        subject: user.id,
        expiresAt: Math.floor(now.getTime() / 1000) + VERIFY_LINK_TTL_S,
        data: { email: newEmail, from: user.email },
      });
      await enqueueMail(
        manager,
        {
          ...accountMail('emailChange', user.language, newEmail, this.link('/confirm-email', token)),
          userId,
        },
        now,
      );
      await enqueueMail(
        manager,
        {
          ...accountMail('emailChangeNotice', user.language, user.email, `${this.deps.publicUrl}/settings`),
          userId,
        },
        now,
      );
      await this.deps.audit.record(
        {
          action: 'email_change_requested',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before: { email: user.email },
          after: { email: newEmail },
        },
        manager,
      );
    });
    this.deps.outbox.kick();
  }

  async confirmEmailChange(token: string, client: ClientInfo): Promise<void> {
    const payload = this.deps.tokens.verify(token, LINK_PURPOSES.emailChange, this.now());
    const newEmail = payload?.data?.email;
    if (!payload || !newEmail) throw invalidLink();
    await this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id: payload.subject });
      if (!user || user.email !== payload.data?.from) throw invalidLink();
      await this.consumeLink(manager, token, LINK_PURPOSES.emailChange, user.id);
      try {
        await manager.update(
          User,
          { id: user.id },
          { email: newEmail, emailVerifiedAt: this.now(), updatedAt: this.now() },
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('EMAIL_TAKEN', 409, 'This e-mail address belongs to another account.');
        throw error;
      }
      await this.deps.audit.record(
        {
          action: 'email_changed',
          actor: { kind: 'user', userId: user.id },
          subjectUserId: user.id,
          client,
          before: { email: user.email },
          after: { email: newEmail },
        },
        manager,
      );
    });
  }

  async updateProfile(userId: string, patch: ProfilePatch, client: ClientInfo): Promise<User> {
    return this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const changes: Partial<User> = {};
      if (patch.displayName !== undefined && patch.displayName !== user.displayName) {
        before.displayName = user.displayName;
        after.displayName = changes.displayName = patch.displayName;
      }
      if (patch.language !== undefined && patch.language !== user.language) {
        before.language = user.language;
        after.language = changes.language = patch.language;
      }
      if (patch.market !== undefined && patch.market !== user.marketCode) {
        before.market = user.marketCode;
        after.market = changes.marketCode = patch.market;
      }
      if (Object.keys(changes).length === 0) return user;
      await manager.update(User, { id: userId }, { ...changes, updatedAt: this.now() });
      await this.deps.audit.record(
        {
          action: 'profile_changed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before,
          after,
        },
        manager,
      );
      return manager.findOneByOrFail(User, { id: userId });
    });
  }

  /** Accounts created through a provider confirm 18+ and the current terms before first use. */
  async completeOnboarding(
    userId: string,
    input: {
      market: MarketCode;
      language: Language;
      marketing?: Partial<Record<MarketingCategory, boolean>> | undefined;
    },
    client: ClientInfo,
  ): Promise<User> {
    const now = this.now();
    return this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      await manager.update(
        User,
        { id: userId },
        {
          marketCode: input.market,
          language: input.language,
          adultConfirmedAt: user.adultConfirmedAt ?? now,
          termsVersion: CURRENT_VERSIONS.terms,
          termsAcceptedAt: now,
          privacyVersion: CURRENT_VERSIONS.privacy,
          privacyAcceptedAt: now,
          updatedAt: now,
        },
      );
      await recordConsents(manager, userId, input.marketing ?? {}, 'onboarding', client, now);
      await this.deps.audit.record(
        {
          action: 'onboarding_completed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: {
            termsVersion: CURRENT_VERSIONS.terms,
            privacyVersion: CURRENT_VERSIONS.privacy,
            marketing: input.marketing ?? {},
          },
        },
        manager,
      );
      return manager.findOneByOrFail(User, { id: userId });
    });
  }

  async getUser(userId: string): Promise<User> {
    const user = await this.deps.database.manager.findOneBy(User, { id: userId });
    if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
    return user;
  }

  async toMe(user: User): Promise<Me> {
    const identities = await this.deps.database.manager.find(UserIdentity, { where: { userId: user.id } });
    return {
      id: user.id,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      role: user.role,
      market: user.marketCode,
      language: user.language,
      displayName: user.displayName,
      hasPassword: user.passwordHash !== null,
      onboardingRequired: needsOnboarding(user),
      providers: [...new Set(identities.map((identity) => identity.provider))],
      createdAt: user.createdAt.toISOString(),
    };
  }

  async setRole(actor: User, userId: string, role: Role, client: ClientInfo): Promise<User> {
    if (actor.id === userId)
      throw new AppError('ROLE_SELF_CHANGE', 400, 'Ask another admin to change your own role.');
    return this.deps.database.transaction(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
      if (user.role === role) return user;
      await manager.update(User, { id: userId }, { role, updatedAt: this.now() });
      await this.deps.audit.record(
        {
          action: 'role_changed',
          actor: { kind: 'staff', userId: actor.id },
          subjectUserId: userId,
          client,
          before: { role: user.role },
          after: { role },
        },
        manager,
      );
      return manager.findOneByOrFail(User, { id: userId });
    });
  }
}

export function needsOnboarding(user: User): boolean {
  return (
    user.adultConfirmedAt === null ||
    user.termsVersion !== CURRENT_VERSIONS.terms ||
    user.privacyVersion !== CURRENT_VERSIONS.privacy
  );
}
