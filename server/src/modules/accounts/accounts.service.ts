import type { EntityManager } from 'typeorm';
import type {
  LoginRequest,
  Me,
  Preferences,
  PreferencesUpdate,
  ProfilePatch,
  RegisterRequest,
  Role,
  TermsAcceptance,
} from '@shared/contracts/accounts.js';
import {
  LEGAL_VERSIONS,
  legalState,
  type LegalState,
  type LegalVersions,
  type MarketingCategory,
} from '@shared/legal.js';
import type { Language, MarketCode } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import { enqueueMail, type OutboxDispatcher } from '../../platform/mail/outbox.js';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.js';
import { sha256Hex, type SignedTokens } from '../../platform/security/signed-tokens.js';
import type { AuditService } from '../audit/index.js';
import { accountMail } from './account-mails.js';
import { AccountsRepository, type UserChanges, type UserSearch } from './accounts.repository.js';
import { ConsentService, hasChanges } from './consent.service.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { DatabaseSessionStore } from './session-store.js';
import type { User } from './user.entity.js';

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
const noSuchAccount = () => new AppError('NOT_FOUND', 404, 'There is no such account.');

export interface AccountsDeps {
  database: Database;
  clock: Clock;
  tokens: SignedTokens;
  audit: AuditService;
  sessions: DatabaseSessionStore;
  outbox: OutboxDispatcher;
  publicUrl: string;
  /** The published versions of the terms and the privacy notice; `LEGAL_VERSIONS` unless a test says otherwise. */
  legalVersions?: LegalVersions;
}

/**
 * Registration, login and everything a shopper changes about their account. Every change is
 * audited in the same transaction, and the mail it causes is queued in that transaction too.
 * Answers never reveal whether an e-mail address has an account.
 */
export class AccountsService {
  /** A real hash to verify against for unknown e-mails, so both paths cost the same. */
  private readonly dummyHash: Promise<string>;
  private readonly repository: AccountsRepository;
  private readonly consents: ConsentService;
  private readonly legalVersions: LegalVersions;

  constructor(private readonly deps: AccountsDeps) {
    this.dummyHash = hashPassword('timing-equaliser-not-a-real-password');
    this.repository = new AccountsRepository(deps.database);
    this.consents = new ConsentService(this.repository);
    this.legalVersions = deps.legalVersions ?? LEGAL_VERSIONS;
  }

  /** The terms and privacy notice in effect now, and any announced change. */
  legal(): LegalState {
    return legalState(this.legalVersions, this.now());
  }

  /**
   * Refuses anything but the versions in effect now: a form shown before a new version took
   * effect is sent again after reading it. Answered like a validation error of the field.
   */
  private assertCurrentVersions(accepted: { termsVersion: string; privacyVersion: string }): LegalState {
    const legal = this.legal();
    const errors: Array<{ path: string; message: string }> = [];
    if (accepted.termsVersion !== legal.terms.current.version) {
      errors.push({
        path: 'termsVersion',
        message: `accept the terms in effect (${legal.terms.current.version})`,
      });
    }
    if (accepted.privacyVersion !== legal.privacy.current.version) {
      errors.push({
        path: 'privacyVersion',
        message: `acknowledge the privacy notice in effect (${legal.privacy.current.version})`,
      });
    }
    if (errors.length > 0)
      throw new AppError('VALIDATION_FAILED', 400, 'The request is not valid.', { errors });
    return legal;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private link(path: string, token: string): string {
    // The token travels in the fragment: it never reaches server logs or the Referer header.
    return `${this.deps.publicUrl}${path}#token=${encodeURIComponent(token)}`;
  }

  async register(input: RegisterRequest, client: ClientInfo): Promise<void> {
    const legal = this.assertCurrentVersions(input);
    assertAcceptablePassword(input.password, input.email);
    const passwordHash = await hashPassword(input.password);
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const existing = await this.repository.findUserByEmail(input.email, manager);
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
          accepted: { at: now, terms: legal.terms.current.version, privacy: legal.privacy.current.version },
        });
        await this.consents.record(manager, user.id, input.marketing ?? {}, 'registration', client, now);
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
              termsVersion: user.termsVersion,
              privacyVersion: user.privacyVersion,
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
      accepted: { at: Date; terms: string; privacy: string };
    },
  ): Promise<User> {
    const now = this.now();
    return this.repository.insertUser(
      {
        email: input.email,
        emailVerifiedAt: null,
        passwordHash: input.passwordHash,
        role: 'shopper',
        marketCode: input.market,
        language: input.language,
        displayName: null,
        adultConfirmedAt: input.accepted.at,
        termsVersion: input.accepted.terms,
        termsAcceptedAt: input.accepted.at,
        privacyVersion: input.accepted.privacy,
        privacyAcceptedAt: input.accepted.at,
        createdAt: now,
        updatedAt: now,
      },
      manager,
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
    const user = await this.repository.findUserByEmail(input.email);
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
      const user = await this.repository.findUserById(payload.subject, manager);
      // A link for an address the account no longer has must not verify the new one.
      if (!user || user.email !== payload.data?.email) throw invalidLink();
      if (user.emailVerifiedAt) return;
      await this.repository.updateUser(
        user.id,
        { emailVerifiedAt: this.now(), updatedAt: this.now() },
        manager,
      );
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
      const user = await this.repository.findUserByEmail(email, manager);
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
    const user = await this.repository.findUserById(payload.subject);
    if (!user) throw invalidLink();
    assertAcceptablePassword(password, user.email);
    const passwordHash = await hashPassword(password);
    await this.deps.database.transaction(async (manager) => {
      await this.consumeLink(manager, token, LINK_PURPOSES.passwordReset, user.id);
      await this.repository.updateUser(
        user.id,
        { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? this.now(), updatedAt: this.now() },
        manager,
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
      await this.repository.insertUsedLinkToken(
        { tokenHash: sha256Hex(token), purpose, userId, usedAt: this.now() },
        manager,
      );
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
      await this.repository.updateUser(userId, { passwordHash, updatedAt: this.now() }, manager);
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
      const user = await this.repository.findUserById(payload.subject, manager);
      if (!user || user.email !== payload.data?.from) throw invalidLink();
      await this.consumeLink(manager, token, LINK_PURPOSES.emailChange, user.id);
      try {
        await this.repository.updateUser(
          user.id,
          { email: newEmail, emailVerifiedAt: this.now(), updatedAt: this.now() },
          manager,
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
    return this.deps.database.transaction((manager) => this.changeProfile(manager, userId, patch, client));
  }

  private async changeProfile(
    manager: EntityManager,
    userId: string,
    patch: ProfilePatch,
    client: ClientInfo,
  ): Promise<User> {
    const user = await this.requireUser(userId, manager);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const changes: UserChanges = {};
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
    await this.repository.updateUser(userId, { ...changes, updatedAt: this.now() }, manager);
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
    return this.requireUser(userId, manager);
  }

  /** Accounts created through a provider confirm 18+ and the current terms before first use. */
  async completeOnboarding(
    userId: string,
    input: {
      market: MarketCode;
      language: Language;
      termsVersion: string;
      privacyVersion: string;
      marketing?: Partial<Record<MarketingCategory, boolean>> | undefined;
    },
    client: ClientInfo,
  ): Promise<User> {
    const legal = this.assertCurrentVersions(input);
    const now = this.now();
    const versions = {
      termsVersion: legal.terms.current.version,
      privacyVersion: legal.privacy.current.version,
    };
    return this.deps.database.transaction(async (manager) => {
      const user = await this.requireUser(userId, manager);
      await this.repository.updateUser(
        userId,
        {
          marketCode: input.market,
          language: input.language,
          adultConfirmedAt: user.adultConfirmedAt ?? now,
          ...versions,
          termsAcceptedAt: now,
          privacyAcceptedAt: now,
          updatedAt: now,
        },
        manager,
      );
      await this.consents.record(manager, userId, input.marketing ?? {}, 'onboarding', client, now);
      await this.deps.audit.record(
        {
          action: 'onboarding_completed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: { ...versions, marketing: input.marketing ?? {} },
        },
        manager,
      );
      return this.requireUser(userId, manager);
    });
  }

  /**
   * Records that the shopper accepted the terms and the privacy notice in effect now, after a new
   * version of either took effect: the user row says which versions, since when; one audit row
   * says which versions replaced which.
   */
  async acceptTerms(userId: string, input: TermsAcceptance, client: ClientInfo): Promise<User> {
    const legal = this.assertCurrentVersions(input);
    const now = this.now();
    return this.deps.database.transaction(async (manager) => {
      const user = await this.requireUser(userId, manager);
      if (needsOnboarding(user)) {
        throw new AppError('ONBOARDING_REQUIRED', 409, 'Finish setting up your account first.');
      }
      const changes: UserChanges = {};
      if (user.termsVersion !== legal.terms.current.version) {
        changes.termsVersion = legal.terms.current.version;
        changes.termsAcceptedAt = now;
      }
      if (user.privacyVersion !== legal.privacy.current.version) {
        changes.privacyVersion = legal.privacy.current.version;
        changes.privacyAcceptedAt = now;
      }
      if (Object.keys(changes).length === 0) return user;
      await this.repository.updateUser(userId, { ...changes, updatedAt: now }, manager);
      await this.deps.audit.record(
        {
          action: 'terms_accepted',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before: { termsVersion: user.termsVersion, privacyVersion: user.privacyVersion },
          after: { termsVersion: legal.terms.current.version, privacyVersion: legal.privacy.current.version },
        },
        manager,
      );
      return this.requireUser(userId, manager);
    });
  }

  async preferences(user: User): Promise<Preferences> {
    return { language: user.language, marketing: await this.consents.current(user.id) };
  }

  /**
   * Replaces the shopper's marketing choice (and the language, when given). Each category that
   * changes is one consent event, and the change one audit row; an unchanged choice writes
   * nothing. The user row is locked first, so two saves at once cannot log one change twice.
   */
  async updatePreferences(
    userId: string,
    input: PreferencesUpdate,
    client: ClientInfo,
  ): Promise<Preferences> {
    const now = this.now();
    return this.deps.database.transaction(async (manager) => {
      if (!(await this.repository.lockUser(userId, manager))) throw noSuchAccount();
      const consent = await this.consents.record(manager, userId, input.marketing, 'settings', client, now);
      if (hasChanges(consent)) {
        await this.deps.audit.record(
          {
            action: 'consent_changed',
            actor: { kind: 'user', userId },
            subjectUserId: userId,
            client,
            before: consent.before,
            after: consent.after,
          },
          manager,
        );
      }
      const user =
        input.language === undefined
          ? await this.requireUser(userId, manager)
          : await this.changeProfile(manager, userId, { language: input.language }, client);
      return { language: user.language, marketing: await this.consents.current(userId, manager) };
    });
  }

  /** The account, or null; in the caller's transaction when one is given. */
  findUser(userId: string, manager?: EntityManager): Promise<User | null> {
    return this.repository.findUserById(userId, manager);
  }

  /** Staff search: newest first, by e-mail prefix (case-insensitive), ids below `beforeId`. */
  findUsers(filter: UserSearch): Promise<User[]> {
    return this.repository.searchUsers(filter);
  }

  async getUser(userId: string): Promise<User> {
    return this.requireUser(userId);
  }

  private async requireUser(userId: string, manager?: EntityManager): Promise<User> {
    const user = await this.repository.findUserById(userId, manager);
    if (!user) throw noSuchAccount();
    return user;
  }

  async toMe(user: User): Promise<Me> {
    const identities = await this.repository.listIdentities(user.id);
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
      mustAcceptTerms: mustAcceptTerms(user, this.legal()),
      termsVersion: user.termsVersion,
      termsAcceptedAt: user.termsAcceptedAt?.toISOString() ?? null,
      privacyVersion: user.privacyVersion,
      privacyAcceptedAt: user.privacyAcceptedAt?.toISOString() ?? null,
      providers: [...new Set(identities.map((identity) => identity.provider))],
      createdAt: user.createdAt.toISOString(),
    };
  }

  async setRole(actor: User, userId: string, role: Role, client: ClientInfo): Promise<User> {
    if (actor.id === userId)
      throw new AppError('ROLE_SELF_CHANGE', 400, 'Ask another admin to change your own role.');
    return this.deps.database.transaction(async (manager) => {
      const user = await this.requireUser(userId, manager);
      if (user.role === role) return user;
      await this.repository.updateUser(userId, { role, updatedAt: this.now() }, manager);
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
      return this.requireUser(userId, manager);
    });
  }
}

/** Accounts created through a provider have confirmed neither 18+ nor any terms yet. */
export function needsOnboarding(user: User): boolean {
  return user.adultConfirmedAt === null || user.termsVersion === null || user.privacyVersion === null;
}

/** A set-up account whose accepted terms or privacy notice is no longer the one in effect. */
export function mustAcceptTerms(user: User, legal: LegalState): boolean {
  return (
    !needsOnboarding(user) &&
    (user.termsVersion !== legal.terms.current.version ||
      user.privacyVersion !== legal.privacy.current.version)
  );
}
