import type { EntityManager } from 'typeorm';
import { IsNull, LessThanOrEqual } from 'typeorm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { OutboxMail } from './outbox-mail.entity.js';

const MAX_ATTEMPTS = 10;
/** A claimed message is invisible to other dispatchers for this long; a crash mid-send retries after it. */
const CLAIM_MS = 5 * 60_000;

export interface QueuedMail extends OutgoingMail {
  userId?: string | null;
  category?: OutboxMail['category'];
}

/** Queues a message inside the caller's transaction. */
export async function enqueueMail(manager: EntityManager, mail: QueuedMail, now: Date): Promise<void> {
  await manager.insert(OutboxMail, {
    userId: mail.userId ?? null,
    category: mail.category ?? 'transactional',
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: mail.headers ?? {},
    createdAt: now,
    nextAttemptAt: now,
    attempts: 0,
    sentAt: null,
    lastError: null,
  });
}

/**
 * Delivers queued mail. Each message is claimed with a conditional update (so several server
 * processes never send the same one), sent, then marked sent; failures back off exponentially.
 * `kick()` runs a pass soon after a commit; a slow timer catches anything left behind.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly database: Database,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pollMs = 10_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends everything due now; resolves when the pass is over. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.database.manager.find(OutboxMail, {
        where: { sentAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) },
        order: { id: 'ASC' },
        take: 20,
      });
      if (due.length === 0) return sent;
      const delivered = await Promise.all(due.map((mail) => this.deliver(mail, now)));
      // Each row leaves the due set in this pass: sent, backed off, or claimed by another dispatcher.
      sent += delivered.filter(Boolean).length;
    }
  }

  private async deliver(mail: OutboxMail, now: Date): Promise<boolean> {
    const claimed = await this.database.run((manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxMail)
        .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS), attempts: mail.attempts + 1 })
        .where('id = :id AND sent_at IS NULL AND attempts = :attempts', {
          id: mail.id,
          attempts: mail.attempts,
        })
        .execute(),
    );
    if (!claimed.affected) return false;
    try {
      await this.mailer.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
        headers: mail.headers,
      });
      await this.database.run((manager) =>
        manager.update(OutboxMail, { id: mail.id }, { sentAt: this.clock.now(), lastError: null }),
      );
      return true;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const backoffMs = Math.min(2 ** attempts * 30_000, 6 * 3600_000);
      this.logger.warn({ outboxId: mail.id, attempts, err: error }, 'mail delivery failed');
      await this.database.run((manager) =>
        manager.update(
          OutboxMail,
          { id: mail.id },
          {
            lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
            // Give up after MAX_ATTEMPTS: the message stays in the table for an operator to see.
            nextAttemptAt: new Date(now.getTime() + (attempts >= MAX_ATTEMPTS ? 365 * 86400_000 : backoffMs)),
          },
        ),
      );
      return false;
    }
  }
}
