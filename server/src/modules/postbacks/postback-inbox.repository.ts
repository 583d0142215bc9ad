import { And, In, LessThan, MoreThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';
import { sqlDateTime } from '../../platform/db/sql-time.js';
import { PostbackInbox } from './postback-inbox.entity.js';

/** A message as received, before its outcome is known. */
export interface InboxDraft {
  networkId: string;
  receivedAt: Date;
  method: string;
  sourceIp: string | null;
  headers: Record<string, string>;
  query: string;
  body: string;
}

export interface InboxOutcome {
  id: string;
  outcome: string;
  httpStatus: number;
  conversionId: string;
}

const INBOX_COLUMNS = [
  'network_id',
  'received_at',
  'method',
  'source_ip',
  'headers',
  'query',
  'body',
  'verified',
  'outcome',
  'http_status',
  'error_code',
  'conversion_id',
  'processed_at',
];
const INBOX_INSERT = `INSERT INTO postback_inbox (${INBOX_COLUMNS.join(', ')})`;
const INBOX_ROW = `(${INBOX_COLUMNS.map(() => '?').join(', ')})`;

function inboxValues(
  message: InboxDraft,
  state: { outcome: string; httpStatus: number | null; errorCode: string | null },
): unknown[] {
  return [
    message.networkId,
    sqlDateTime(message.receivedAt),
    message.method,
    message.sourceIp,
    JSON.stringify(message.headers),
    message.query,
    message.body,
    1,
    state.outcome,
    state.httpStatus,
    state.errorCode,
    null,
    null,
  ];
}

/** Every query on `postback_inbox`: the raw messages networks sent us, each with its outcome. */
export class PostbackInboxRepository {
  constructor(private readonly database: Database) {}

  /** Stores verified messages as received, in one INSERT, in the caller's transaction; answers their ids. */
  insertReceived(manager: EntityManager, messages: InboxDraft[]): Promise<string[]> {
    return this.database.insertRows(
      manager.queryRunner!,
      INBOX_INSERT,
      INBOX_ROW,
      messages.map((message) =>
        inboxValues(message, { outcome: 'received', httpStatus: null, errorCode: null }),
      ),
    );
  }

  /** Records what processing made of each message, in one UPDATE. */
  async recordOutcomes(manager: EntityManager, outcomes: InboxOutcome[], processedAt: Date): Promise<void> {
    if (outcomes.length === 0) return;
    const cases = outcomes.map(() => 'WHEN ? THEN ?').join(' ');
    const parameters: unknown[] = [];
    for (const column of ['outcome', 'httpStatus', 'conversionId'] as const)
      for (const outcome of outcomes) parameters.push(outcome.id, outcome[column]);
    parameters.push(sqlDateTime(processedAt), ...outcomes.map((outcome) => outcome.id));
    await this.database.sql(
      manager.queryRunner!,
      `UPDATE postback_inbox SET outcome = CASE id ${cases} END, http_status = CASE id ${cases} END,
         conversion_id = CASE id ${cases} END, processed_at = ?, error_code = NULL
       WHERE id IN (${outcomes.map(() => '?').join(', ')})`,
      parameters,
    );
  }

  /** Takes back messages stored in this transaction that processing refused (a 4xx writes nothing). */
  async deleteUnprocessed(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.delete(PostbackInbox, { id: In(ids), outcome: 'received' });
  }

  /** Keeps a message whose processing failed (its own autocommit), to be replayed once fixed. */
  insertFailed(message: InboxDraft): Promise<void> {
    return this.database.execute(
      `${INBOX_INSERT} VALUES ${INBOX_ROW}`,
      inboxValues(message, { outcome: 'error', httpStatus: 500, errorCode: 'PROCESSING_FAILED' }),
    );
  }

  /** The messages about one conversion, oldest first. */
  byConversion(conversionId: string): Promise<PostbackInbox[]> {
    return this.database.manager.find(PostbackInbox, { where: { conversionId }, order: { id: 'ASC' } });
  }

  /** Verified messages received since `since`, oldest first, after the id `afterId`. */
  pageForReplay(filter: { since: Date; networkId: string | null; afterId: string; limit: number }) {
    return this.database.manager.find(PostbackInbox, {
      where: {
        id: MoreThan(filter.afterId),
        receivedAt: MoreThanOrEqual(filter.since),
        verified: true,
        ...(filter.networkId !== null ? { networkId: filter.networkId } : {}),
      },
      order: { id: 'ASC' },
      take: filter.limit,
    });
  }

  /**
   * A network's traffic for the health report: its last message, messages since `dayAgo`, and
   * whether it sent anything in [usualStart, silenceStart). Uses the (network_id, received_at) index.
   */
  async trafficOf(
    networkId: string,
    window: { dayAgo: Date; usualStart: Date; silenceStart: Date },
  ): Promise<{ lastReceivedAt: Date | null; last24h: number; usuallySends: boolean }> {
    return this.database.run(async (manager) => {
      const last = await manager.findOne(PostbackInbox, {
        select: { id: true, receivedAt: true },
        where: { networkId },
        order: { receivedAt: 'DESC', id: 'DESC' },
      });
      const last24h = await manager.count(PostbackInbox, {
        where: { networkId, receivedAt: MoreThanOrEqual(window.dayAgo) },
      });
      const usuallySends = await manager.exists(PostbackInbox, {
        where: {
          networkId,
          receivedAt: And(MoreThanOrEqual(window.usualStart), LessThan(window.silenceStart)),
        },
      });
      return { lastReceivedAt: last?.receivedAt ?? null, last24h, usuallySends };
    });
  }
}
