import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { ActorKind } from './audit-entry.entity.js';
import { AuditRepository } from './audit.repository.js';

/**
 * Actions we record: account changes (the privacy notice promises them), staff changes to the
 * catalogue (networks, shops, cashback rules), which have no subject user, and staff changes to
 * money: manual ledger adjustments and the handling of unattributed conversions.
 */
export type AuditAction =
  | 'register'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'email_verified'
  | 'email_change_requested'
  | 'email_changed'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'profile_changed'
  | 'consent_changed'
  | 'onboarding_completed'
  | 'terms_accepted'
  | 'bank_account_changed'
  | 'bank_account_added'
  | 'bank_account_confirmed'
  | 'bank_account_removed'
  | 'provider_linked'
  | 'provider_unlinked'
  | 'session_revoked'
  | 'token_created'
  | 'token_revoked'
  | 'role_changed'
  | 'personal_data_viewed'
  | 'network_changed'
  | 'shop_changed'
  | 'cashback_rule_changed'
  | 'ledger_adjusted'
  | 'reconciliation_imported'
  | 'reconciliation_applied'
  | 'settlement_recorded'
  | 'conversion_assigned'
  | 'conversion_dismissed'
  | 'claim_filed'
  | 'claim_answered'
  | 'claim_proof_added'
  | 'claim_info_requested'
  | 'claim_accepted'
  | 'claim_rejected'
  | 'claim_resolved'
  | 'claim_settings_changed'
  | 'payout_requested'
  | 'payout_cancelled'
  | 'payout_approved'
  | 'payout_rejected'
  | 'payout_paid'
  | 'payout_failed'
  | 'payout_exported'
  | 'payout_batch_created'
  | 'payout_batch_completed'
  | 'payout_batch_downloaded'
  | 'payout_statement_imported';

export interface AuditRecord {
  action: AuditAction;
  actor: { kind: ActorKind; userId?: string | null };
  subjectUserId: string | null;
  client: ClientInfo;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const SECRET_KEY = /pass(word)?|secret|token|hash|key|signature|code_?verifier/i;

/** Replaces secrets anywhere in a before/after value; the audit log must never hold one. */
export function redactSecrets(
  value: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key)
        ? '[redacted]'
        : inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Date)
          ? redactSecrets(inner as Record<string, unknown>)
          : inner,
    ]),
  );
}

/** The append-only audit log. Writes join the caller's transaction when one is given. */
export class AuditService {
  private readonly entries: AuditRepository;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {
    this.entries = new AuditRepository(database);
  }

  /** Appends one row, inside the caller's transaction when `manager` is given. */
  async record(record: AuditRecord, manager?: EntityManager): Promise<void> {
    if (!manager) {
      await this.database.run((own) => this.record(record, own));
      return;
    }
    await this.entries.insert(manager, {
      actorKind: record.actor.kind,
      actorUserId: record.actor.userId ?? null,
      subjectUserId: record.subjectUserId,
      action: record.action,
      ip: record.client.ip,
      userAgent: record.client.userAgent,
      before: redactSecrets(record.before),
      after: redactSecrets(record.after),
      createdAt: this.clock.now(),
    });
  }

  /** The subject's history, newest first, keyset-paginated by id. */
  async pageForSubject(subjectUserId: string, limit: number, cursor: string | undefined) {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['id']);
    const rows = await this.entries.pageForSubject(subjectUserId, limit + 1, after?.id);
    const page = rows.slice(0, limit);
    return {
      items: page,
      nextCursor: rows.length > limit && page.length > 0 ? encodeCursor({ id: page.at(-1)!.id }) : null,
    };
  }
}
