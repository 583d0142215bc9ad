import { LessThan, Raw, type EntityManager } from 'typeorm';
import type { Provider } from '@shared/contracts/accounts.js';
import type { Database } from '../../platform/db/database.js';
import { ConsentEvent } from './consent-event.entity.js';
import { UsedLinkToken } from './used-link-token.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { User } from './user.entity.js';

/** What a new account row holds; the id and nothing else is generated. */
export type NewUser = Omit<User, 'id'>;

/** Fields of the user row that account changes write (never the id, e-mail only through its own flow). */
export type UserChanges = Partial<Omit<User, 'id' | 'createdAt'>>;

export type NewConsentEvent = Omit<ConsentEvent, 'id'>;

/** Staff search: by e-mail prefix (case-insensitive), ids below `beforeId` (keyset paging). */
export interface UserSearch {
  emailPrefix?: string;
  beforeId?: string;
  limit: number;
}

/**
 * The accounts module's queries: users, their provider logins, used signed links and the consent
 * log (sessions are in `sessions.repository.ts`). Services hold none.
 *
 * Every method takes an optional `manager`: the caller's transaction when it passes one; otherwise
 * reads use the data source and writes run alone (`Database.run`, which keeps them out of another
 * caller's SQLite transaction). Methods about one shopper's data take the owner's id, so they can
 * only ever see that shopper's rows.
 */
export class AccountsRepository {
  constructor(private readonly database: Database) {}

  private read(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.database.manager;
  }

  private write<T>(manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>) {
    return manager ? work(manager) : this.database.run(work);
  }

  // --- users ---------------------------------------------------------------------------------

  findUserById(userId: string, manager?: EntityManager): Promise<User | null> {
    return this.read(manager).findOneBy(User, { id: userId });
  }

  /** `email` as stored: lower-cased and trimmed (the contracts normalise it). */
  findUserByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.read(manager).findOneBy(User, { email });
  }

  /** Newest first. */
  searchUsers(filter: UserSearch): Promise<User[]> {
    // '!' as the LIKE escape character: both dialects honour an explicit ESCAPE clause.
    const pattern = filter.emailPrefix?.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`);
    return this.database.manager.find(User, {
      where: {
        ...(pattern !== undefined
          ? { email: Raw((column) => `${column} LIKE :pattern ESCAPE '!'`, { pattern: `${pattern}%` }) }
          : {}),
        ...(filter.beforeId !== undefined ? { id: LessThan(filter.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: filter.limit,
    });
  }

  /** The user row, locked until the transaction ends (a no-op lock on SQLite's single writer). */
  lockUser(userId: string, manager: EntityManager): Promise<User | null> {
    return this.database
      .forUpdate(manager.createQueryBuilder(User, 'user').where('user.id = :userId', { userId }))
      .getOne();
  }

  /** Inserts the account; a taken e-mail address fails with the unique violation. */
  insertUser(user: NewUser, manager?: EntityManager): Promise<User> {
    return this.write(manager, (writer) => writer.save(writer.create(User, user)));
  }

  async updateUser(userId: string, changes: UserChanges, manager?: EntityManager): Promise<void> {
    await this.write(manager, (writer) => writer.update(User, { id: userId }, changes));
  }

  // --- provider logins -----------------------------------------------------------------------

  /** The identity behind a provider login, whoever owns it (how a login finds its account). */
  findIdentityBySubject(
    provider: Provider,
    subject: string,
    manager?: EntityManager,
  ): Promise<UserIdentity | null> {
    return this.read(manager).findOneBy(UserIdentity, { provider, subject });
  }

  findIdentity(userId: string, provider: Provider, manager?: EntityManager): Promise<UserIdentity | null> {
    return this.read(manager).findOneBy(UserIdentity, { userId, provider });
  }

  listIdentities(userId: string, manager?: EntityManager): Promise<UserIdentity[]> {
    return this.read(manager).find(UserIdentity, { where: { userId }, order: { id: 'ASC' } });
  }

  async insertIdentity(identity: Omit<UserIdentity, 'id'>, manager?: EntityManager): Promise<void> {
    await this.write(manager, (writer) => writer.insert(UserIdentity, identity));
  }

  async deleteIdentities(userId: string, provider: Provider, manager?: EntityManager): Promise<void> {
    await this.write(manager, (writer) => writer.delete(UserIdentity, { userId, provider }));
  }

  // --- signed links --------------------------------------------------------------------------

  /** Marks a link used; a second use of the same link fails with the unique violation. */
  async insertUsedLinkToken(used: UsedLinkToken, manager?: EntityManager): Promise<void> {
    await this.write(manager, (writer) => writer.insert(UsedLinkToken, used));
  }

  // --- consent log (append-only: triggers refuse UPDATE and DELETE) ---------------------------

  /** The shopper's consent events, oldest first: the latest per category is the current state. */
  consentEvents(userId: string, manager?: EntityManager): Promise<ConsentEvent[]> {
    return this.read(manager).find(ConsentEvent, { where: { userId }, order: { id: 'ASC' } });
  }

  async insertConsentEvents(events: NewConsentEvent[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await this.write(manager, (writer) => writer.insert(ConsentEvent, events));
  }
}
