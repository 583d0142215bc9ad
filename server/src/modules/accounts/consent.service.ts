import type { EntityManager } from 'typeorm';
import {
  MARKETING_CATEGORIES,
  MARKETING_CONSENT_TEXT_VERSION,
  type MarketingCategory,
} from '@shared/legal.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import type { AccountsRepository, NewConsentEvent } from './accounts.repository.js';

export type ConsentSource = 'registration' | 'onboarding' | 'settings' | 'unsubscribe_link';

export type ConsentState = Record<MarketingCategory, boolean>;

export interface ConsentChanges {
  before: Partial<ConsentState>;
  after: Partial<ConsentState>;
}

/**
 * Marketing consent as an append-only log (`consent_events`): the latest event per category is
 * the current state, and no event means no consent. The log is the proof of why a shopper was
 * mailed, so it keeps every change, with the wording's version, the source, IP and browser.
 */
export class ConsentService {
  constructor(private readonly repository: AccountsRepository) {}

  /** Current consent per category. */
  async current(userId: string, manager?: EntityManager): Promise<ConsentState> {
    const state = Object.fromEntries(
      MARKETING_CATEGORIES.map((category) => [category, false]),
    ) as ConsentState;
    for (const event of await this.repository.consentEvents(userId, manager)) {
      state[event.category] = event.granted;
    }
    return state;
  }

  /**
   * Appends one event per category whose state changes and returns the changes (for the audit
   * log). A category left out, or stated as it already is, writes nothing. Registration and
   * onboarding record every category, consenting or not, so the log proves the starting point.
   */
  async record(
    manager: EntityManager,
    userId: string,
    wanted: Partial<ConsentState>,
    source: ConsentSource,
    client: ClientInfo,
    now: Date,
  ): Promise<ConsentChanges> {
    const current = await this.current(userId, manager);
    const isFirst = source === 'registration' || source === 'onboarding';
    const changes: ConsentChanges = { before: {}, after: {} };
    const events: NewConsentEvent[] = [];
    for (const category of MARKETING_CATEGORIES) {
      const granted = wanted[category];
      if (granted === undefined && !isFirst) continue;
      const value = granted ?? false;
      if (!isFirst && current[category] === value) continue;
      events.push({
        userId,
        category,
        granted: value,
        source,
        textVersion: MARKETING_CONSENT_TEXT_VERSION,
        ip: client.ip,
        userAgent: client.userAgent,
        createdAt: now,
      });
      changes.before[category] = current[category];
      changes.after[category] = value;
    }
    await this.repository.insertConsentEvents(events, manager);
    return changes;
  }
}

export function hasChanges(changes: ConsentChanges): boolean {
  return Object.keys(changes.after).length > 0;
}
