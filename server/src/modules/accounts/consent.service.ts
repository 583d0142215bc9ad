import type { EntityManager } from 'typeorm';
import { MARKETING_CATEGORIES, type MarketingCategory } from '@shared/legal.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { ConsentEvent } from './consent-event.entity.js';

export type ConsentSource = 'registration' | 'onboarding' | 'settings' | 'unsubscribe_link';

/** Current consent per category: the latest event wins; no event means no consent. */
export async function currentConsents(
  manager: EntityManager,
  userId: string,
): Promise<Record<MarketingCategory, boolean>> {
  const events = await manager.find(ConsentEvent, { where: { userId }, order: { id: 'ASC' } });
  const state = Object.fromEntries(MARKETING_CATEGORIES.map((category) => [category, false])) as Record<
    MarketingCategory,
    boolean
  >;
  for (const event of events) state[event.category] = event.granted;
  return state;
}

/**
 * Appends one event per category whose state changes. Returns the changes, for the audit log.
 * Registration records every category, consenting or not, so the log proves the starting point.
 */
export async function recordConsents(
  manager: EntityManager,
  userId: string,
  wanted: Partial<Record<MarketingCategory, boolean>>,
  source: ConsentSource,
  client: ClientInfo,
  now: Date,
): Promise<{ before: Record<string, boolean>; after: Record<string, boolean> }> {
  const current = await currentConsents(manager, userId);
  const before: Record<string, boolean> = {};
  const after: Record<string, boolean> = {};
  for (const category of MARKETING_CATEGORIES) {
    const granted = wanted[category];
    const isFirst = source === 'registration' || source === 'onboarding';
    if (granted === undefined && !isFirst) continue;
    const value = granted ?? false;
    if (!isFirst && current[category] === value) continue;
    await manager.insert(ConsentEvent, {
      userId,
      category,
      granted: value,
      source,
      ip: client.ip,
      userAgent: client.userAgent,
      createdAt: now,
    });
    before[category] = current[category];
    after[category] = value;
  }
  return { before, after };
}
